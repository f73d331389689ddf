import { createHash, randomBytes } from 'node:crypto'

/** A stable id from its parts: retries of the same request land on the same document (idempotency by `_id`). */
export function stableId(prefix: string, ...parts: string[]): string {
  return prefix + createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)
}

export function randomId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('hex')
}

export const cryptoRandomBytes = (n: number): Uint8Array => randomBytes(n)
