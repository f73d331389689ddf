import { toCanonical } from '../ejson'
import type { DocId } from '../ids'
import { buildMutation } from '../mutation'
import type { ActionContext, ActionReply } from '../params'
import { collectionName, dataObject, queryParam, transactionOf } from '../params'
import { compileFilter } from '../query'
import type { Doc } from '../values'

/**
 * `database.modifyAndReturnDoc`: updateAndReturn() changes the first match and returns it as updated. `updated`
 * is 1 whenever a document matched, even if the update left it as it was, as TCB answers.
 */
export async function modifyAndReturnDoc(ctx: ActionContext): Promise<ActionReply> {
  const { engine, params, now } = ctx
  const coll = collectionName(params)
  const tx = transactionOf(ctx)
  const filter = compileFilter(queryParam(params, now, true))
  const mutation = buildMutation(dataObject(params.data, now), true)

  if (tx) {
    // The SDK does send the transactionId here, so the change joins the transaction like a doc() update.
    const first = engine.match(coll, filter, tx)[0]
    if (!first) return { data: { updated: 0, doc: null } }
    let after: Doc = first
    let updated = 0
    await engine.txWrite(tx, coll, first._id as DocId, (current) => {
      if (!current || !filter.test(current)) return undefined
      const r = mutation.apply(current)
      after = r.doc
      updated = 1
      return r.changed ? r.doc : undefined
    })
    return { data: { updated, doc: toCanonical(after) } }
  }

  return engine.writeOutside<ActionReply>(() => {
    const blockedBy = engine.lockBlocking(coll, filter)
    if (blockedBy) return { blockedBy }
    const first = engine.match(coll, filter)[0]
    if (!first) return { ops: [], result: { data: { updated: 0, doc: null } } }
    const r = mutation.apply(first)
    return {
      ops: r.changed ? [{ op: 'put', c: coll, doc: r.doc }] : [],
      result: { data: { updated: 1, doc: toCanonical(r.doc) } },
    }
  })
}
