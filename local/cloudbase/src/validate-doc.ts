import { calculateObjectSize } from 'bson'
import { Codes, DbError } from './errors'
import { asDocId } from './ids'
import { isPlainObject, type Doc } from './values'

/** TCB's per-document limit. */
export const MAX_DOC_BYTES = 512 * 1024

/**
 * Checks what TCB refuses to store: `$`-prefixed field names (DATABASE_REQUEST_FAILED, as TCB answers), a bad _id,
 * oversize. Field names containing '.' are stored as they are, as TCB (MongoDB 5+) does.
 */
export function validateStoredDoc(doc: Doc): void {
  asDocId(doc._id)
  checkKeys(doc, '')
  const size = calculateObjectSize(doc)
  if (size > MAX_DOC_BYTES) {
    throw new DbError(Codes.DOCUMENT_TOO_LARGE, `document is ${size} bytes, over the ${MAX_DOC_BYTES}-byte (512 KB) limit`)
  }
}

function checkKeys(v: unknown, path: string): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => checkKeys(x, `${path}.${i}`))
    return
  }
  if (!isPlainObject(v)) return
  for (const k of Object.keys(v)) {
    const at = path ? `${path}.${k}` : k
    if (k.startsWith('$')) throw new DbError(Codes.REQUEST_FAILED, `field name '${at}' must not start with '$'`)
    checkKeys(v[k], at)
  }
}
