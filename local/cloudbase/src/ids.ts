import { randomBytes } from 'node:crypto'
import { ObjectId } from 'bson'
import { invalidParam } from './errors'

export type DocId = string | number | ObjectId

/** 32 hex characters, the shape of ids TCB generates. */
export function newDocId(): string {
  return randomBytes(16).toString('hex')
}

export function newTransactionId(): string {
  return `tx_${Date.now().toString(36)}_${randomBytes(8).toString('hex')}`
}

let requestSeq = 0
export function newRequestId(): string {
  requestSeq = (requestSeq + 1) % 1e9
  return `${Date.now()}_${requestSeq}_local`
}

export function asDocId(v: unknown): DocId {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || v instanceof ObjectId) return v
  throw invalidParam('_id must be a string, a number or an ObjectId')
}

/**
 * Map key of an _id. Typed so that "1" and 1 stay distinct documents, as they are in MongoDB
 * (and as mingo's `_id` equality treats them).
 */
export function idKey(id: DocId): string {
  if (typeof id === 'string') return `s${id}`
  if (typeof id === 'number') return `n${id}`
  return `o${id.toHexString()}`
}

export function describeId(id: DocId): string {
  return typeof id === 'string' ? JSON.stringify(id) : String(id)
}
