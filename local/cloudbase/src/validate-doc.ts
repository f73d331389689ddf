import { calculateObjectSize } from 'bson'
import { Codes, DbError, invalidParam } from './errors'
import { asDocId } from './ids'
import { isPlainObject, type Doc } from './values'

/** TCB's per-document limit. */
export const MAX_DOC_BYTES = 512 * 1024

/** Checks what MongoDB would refuse to store: operator-like or dotted field names, a bad _id, oversize. */
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
    if (k.startsWith('$')) throw invalidParam(`field name '${at}' must not start with '$'`)
    if (k.includes('.')) throw invalidParam(`field name '${at}' must not contain '.'`)
    checkKeys(v[k], at)
  }
}
