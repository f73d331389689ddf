import type { ActionContext, ActionReply } from '../params'
import { collectionName, queryParam, transactionOf } from '../params'
import { compileFilter } from '../query'

/** `database.calculateDocument`: count(). */
export async function calculateDocument(ctx: ActionContext): Promise<ActionReply> {
  const { engine, params, now } = ctx
  const total = engine.match(collectionName(params), compileFilter(queryParam(params, now)), transactionOf(ctx)).length
  await engine.barrier()
  return { data: { total } }
}
