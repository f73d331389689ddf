import Taro from '@tarojs/taro'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const KEY_LENGTH = 24 // 24 × 6 bits = 144 random bits

/**
 * A new checkout idempotency key: 24 characters from [A-Za-z0-9_-] (orders.place accepts 8..64), from a
 * cryptographically secure source — WebCrypto on h5, wx.getRandomValues on the mini-program. 64 = 2^6, so each
 * random byte maps without bias. The server derives the order id from (buyer, key), so the same key always
 * answers the same order: one key per checkout attempt, reused by every retry of that attempt.
 */
export async function newIdempotencyKey(): Promise<string> {
  const bytes = await randomBytes(KEY_LENGTH)
  let out = ''
  for (let i = 0; i < KEY_LENGTH; i++) out += ALPHABET[bytes[i] & 63]
  return out
}

async function randomBytes(n: number): Promise<Uint8Array> {
  const webCrypto = typeof crypto !== 'undefined' ? crypto : undefined
  if (webCrypto && typeof webCrypto.getRandomValues === 'function') return webCrypto.getRandomValues(new Uint8Array(n))
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.getRandomValues({ length: n })
      if (res && res.randomValues && res.randomValues.byteLength === n) return new Uint8Array(res.randomValues)
    } catch {
      // an old base library without getRandomValues: below
    }
  }
  // Last resort (no secure source on this runtime): the key only has to be unique among this buyer's checkouts —
  // the order id also depends on the buyer's identity, which the server takes from WeChat, not from the key.
  const out = new Uint8Array(n)
  const seed = Date.now()
  for (let i = 0; i < n; i++) out[i] = (Math.floor(Math.random() * 256) ^ (seed >> ((i % 4) * 8))) & 255
  return out
}
