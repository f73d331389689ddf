import { newDocId, type DocId } from '../ids'
import { buildMutation } from '../mutation'
import type { ActionContext, ActionReply } from '../params'
import { boolParam, collectionName, dataObject, pinnedId, queryParam, transactionOf } from '../params'
import { compileFilter } from '../query'
import type { WriteOp } from '../store'

/**
 * `database.modifyDocument`: doc().update (merge), doc().set (replace + upsert), where().update (multi).
 * For update (merge) `updated` counts documents actually changed, like MongoDB's nModified; for set (replace)
 * TCB counts the document it matched, changed or not.
 */
export async function modifyDocument(ctx: ActionContext): Promise<ActionReply> {
  const { engine, params, now } = ctx
  const coll = collectionName(params)
  const tx = transactionOf(ctx)
  const query = queryParam(params, now, true)
  const filter = compileFilter(query)
  const merge = boolParam(params, 'merge', true)
  const mutation = buildMutation(dataObject(params.data, now), merge)
  const multi = boolParam(params, 'multi', false)
  const upsert = boolParam(params, 'upsert', false)

  if (tx) {
    const { id } = pinnedId(query, filter)
    let updated = 0
    let upsertId: DocId | undefined
    await engine.txWrite(tx, coll, id, (current) => {
      if (current && filter.test(current)) {
        const r = mutation.apply(current)
        updated = r.changed || !merge ? 1 : 0
        return r.changed ? r.doc : undefined
      }
      if (current || !upsert) return undefined
      upsertId = id
      return mutation.insert(query, id)
    })
    return { data: { updated, upsert_id: upsertId } }
  }

  return engine.writeOutside<ActionReply>(() => {
    const blockedBy = engine.lockBlocking(coll, filter)
    if (blockedBy) return { blockedBy }
    const matched = engine.match(coll, filter)
    const targets = multi ? matched : matched.slice(0, 1)
    const ops: WriteOp[] = []
    for (const current of targets) {
      const r = mutation.apply(current)
      if (r.changed) ops.push({ op: 'put', c: coll, doc: r.doc })
    }
    if (targets.length === 0 && upsert) {
      const id = filter.idKeys?.length === 1 ? pinnedId(query, filter).id : newDocId()
      ops.push({ op: 'put', c: coll, doc: mutation.insert(query, id) })
      return { ops, result: { data: { updated: 0, upsert_id: id } } }
    }
    return { ops, result: { data: { updated: merge ? ops.length : targets.length } } }
  })
}
