const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/**
 * A fresh idempotency key for one confirmation (`[A-Za-z0-9_-]{8,64}`): time (base 36) plus 16 random characters.
 * Uses crypto.getRandomValues where the platform has it (h5), Math.random otherwise (the key only needs to be
 * unique per staff member, it is not a secret).
 */
export function newIdempotencyKey(now: number = Date.now()): string {
  const bytes = new Uint8Array(16)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  let r = ''
  for (const b of bytes) r += ALPHABET[b % ALPHABET.length]
  return `rd-${now.toString(36)}-${r}`
}
