import type { ActionContext, ActionReply } from '../params'
import { boolParam, collectionName, pinnedId, queryParam, transactionOf } from '../params'
import { compileFilter } from '../query'
import type { WriteOp } from '../store'
import type { DocId } from '../ids'

/** `database.removeDocument`: doc().remove() and where().remove() (multi). A query is required. */
export async function removeDocument(ctx: ActionContext): Promise<ActionReply> {
  const { engine, params, now } = ctx
  const coll = collectionName(params)
  const tx = transactionOf(ctx)
  const query = queryParam(params, now, true)
  const filter = compileFilter(query)
  const multi = boolParam(params, 'multi', false)

  if (tx) {
    const { id } = pinnedId(query, filter)
    let deleted = 0
    await engine.txWrite(tx, coll, id, (current) => {
      if (!current || !filter.test(current)) return undefined
      deleted = 1
      return null
    })
    return { data: { deleted } }
  }

  return engine.writeOutside<ActionReply>(() => {
    const blockedBy = engine.lockBlocking(coll, filter)
    if (blockedBy) return { blockedBy }
    const matched = engine.match(coll, filter)
    const targets = multi ? matched : matched.slice(0, 1)
    const ops: WriteOp[] = targets.map((d) => ({ op: 'del', c: coll, id: d._id as DocId }))
    return { ops, result: { data: { deleted: ops.length } } }
  })
}
