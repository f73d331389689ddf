import { Codes, DbError } from './errors'
import { describeId, type DocId } from './ids'

/** Worded like MongoDB's E11000 so code matching either the TCB code or the Mongo text recognises it. */
export function duplicateError(coll: string, id: DocId): DbError {
  return new DbError(
    Codes.DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${describeId(id)} }`,
  )
}
