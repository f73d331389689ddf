import { duplicateError } from '../duplicate'
import { invalidParam } from '../errors'
import { asDocId, idKey, newDocId, type DocId } from '../ids'
import type { ActionContext, ActionReply } from '../params'
import { collectionName, dataObject, transactionOf } from '../params'
import type { WriteOp } from '../store'
import { validateStoredDoc } from '../validate-doc'
import type { Doc } from '../values'

/** `database.insertDocument`: add() of one or many documents, all or nothing. */
export async function insertDocument(ctx: ActionContext): Promise<ActionReply> {
  const { engine, params, now } = ctx
  const coll = collectionName(params)
  const tx = transactionOf(ctx)
  const raw = Array.isArray(params.data) ? params.data : [params.data]
  if (raw.length === 0) throw invalidParam('data must hold at least one document')
  const docs = raw.map((r, i) => withId(dataObject(r, now, `data[${i}]`)))
  const seen = new Set<string>()
  for (const d of docs) {
    validateStoredDoc(d)
    const key = idKey(d._id as DocId)
    if (seen.has(key)) throw duplicateError(coll, d._id as DocId)
    seen.add(key)
  }
  const insertedIds = docs.map((d) => d._id)

  if (tx) {
    for (const d of docs) {
      await engine.txWrite(tx, coll, d._id as DocId, (current) => {
        if (current) throw duplicateError(coll, d._id as DocId)
        return d
      })
    }
    return { data: { insertedIds } }
  }

  await engine.writeOutside(() => {
    const ops: WriteOp[] = []
    for (const d of docs) {
      const key = idKey(d._id as DocId)
      const blockedBy = engine.lockOn(coll, key)
      if (blockedBy) return { blockedBy }
      if (engine.store.get(coll, key)) throw duplicateError(coll, d._id as DocId)
      ops.push({ op: 'put', c: coll, doc: d })
    }
    return { ops, result: undefined }
  })
  return { data: { insertedIds } }
}

/** Missing `_id` gets a TCB-like 32-hex id, placed first as MongoDB does. */
function withId(d: Doc): Doc {
  if (d._id !== undefined && d._id !== null) {
    asDocId(d._id)
    return d
  }
  const rest = { ...d }
  delete rest._id
  return { _id: newDocId(), ...rest }
}
