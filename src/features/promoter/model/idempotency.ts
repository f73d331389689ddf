/**
 * A fresh idempotency key (the contract wants 8-64 of [A-Za-z0-9_-]). One key per withdrawal attempt: a retry of
 * the same attempt (the answer was lost) sends the same key, so the function pays at most once.
 */
export function newIdempotencyKey(prefix = 'w'): string {
  const bytes = new Uint8Array(12)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  const rand = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${prefix}${Date.now().toString(36)}${rand}`
}
