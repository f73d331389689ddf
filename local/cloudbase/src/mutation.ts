import { invalidParam } from './errors'
import type { DocId } from './ids'
import { applyOperators, applyReplacement, isOperatorUpdate, upsertSeed, type UpdateResult } from './update'
import { validateStoredDoc } from './validate-doc'
import { deepClone, type Doc } from './values'

/** What one modify request does to one document, decided once from `data` and `merge`. */
export interface Mutation {
  apply(current: Doc): UpdateResult
  /** The document an upsert creates when nothing matched. */
  insert(query: Doc, id: DocId): Doc
}

/**
 * merge:true (update) takes MongoDB update operators; plain fields from hand-written requests count as $set.
 * merge:false (set) replaces the whole document and must not carry operators.
 */
export function buildMutation(data: Doc, merge: boolean): Mutation {
  if (merge) {
    const update = isOperatorUpdate(data) ? data : { $set: data }
    return {
      apply: (current) => applyOperators(current, update),
      insert: (query, id) => applyOperators(upsertSeed(query, id), update).doc,
    }
  }
  if (isOperatorUpdate(data)) throw invalidParam('set() replaces the document and cannot take update operators')
  return {
    apply: (current) => applyReplacement(current, data),
    insert: (_query, id) => {
      const doc: Doc = { _id: id, ...deepClone(data) }
      doc._id = id
      validateStoredDoc(doc)
      return doc
    },
  }
}
