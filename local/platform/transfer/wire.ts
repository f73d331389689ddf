import { createCipheriv, createSign, createVerify, randomBytes } from 'node:crypto'

/**
 * WeChat Pay API v3 on the wire, written here from WeChat's documents (签名生成, 签名验证, 回调报文解密) and not
 * shared with the product's client (cloudfunctions/promoters/transfer/v3.ts), so that a mistake on one side
 * cannot hide the same mistake on the other.
 */
export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048'

export interface Authorization {
  mchid: string
  nonce_str: string
  signature: string
  timestamp: string
  serial_no: string
}

/** `WECHATPAY2-SHA256-RSA2048 k="v",…` → its five fields; null when the schema or a field is missing. */
export function parseAuthorization(header: string | undefined): Authorization | null {
  if (!header || !header.startsWith(`${AUTH_SCHEMA} `)) return null
  const fields: Record<string, string> = {}
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2]
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null
  return { mchid, nonce_str, signature, timestamp, serial_no }
}

export function rsaVerify(publicKeyPem: string, message: string, signatureB64: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signatureB64, 'base64')
  } catch {
    return false
  }
}

export const rsaSign = (privateKeyPem: string, message: string) => createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64')

/** The string a merchant signs: method, path with query, timestamp, nonce and body, each followed by \n. */
export const requestSigningText = (method: string, pathWithQuery: string, a: Authorization, body: string) =>
  `${method}\n${pathWithQuery}\n${a.timestamp}\n${a.nonce_str}\n${body}\n`

export const nonce = () => randomBytes(16).toString('hex').toUpperCase()

/** WeChat's answer headers: Wechatpay-Timestamp/-Nonce/-Serial/-Signature over `timestamp\nnonce\nbody\n`. */
export function signedHeaders(key: { privateKey: string; publicKeyId: string }, body: string, atMs: number): Record<string, string> {
  const timestamp = String(Math.floor(atMs / 1000))
  const n = nonce()
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': n,
    'Wechatpay-Serial': key.publicKeyId,
    'Wechatpay-Signature-Type': AUTH_SCHEMA,
    'Wechatpay-Signature': rsaSign(key.privateKey, `${timestamp}\n${n}\n${body}\n`),
  }
}

/** AEAD_AES_256_GCM with the APIv3 key: base64(ciphertext ‖ 16-byte tag). */
export function aeadEncrypt(apiV3Key: string, plaintext: string, nonceText: string, associatedData: string): string {
  const c = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceText, 'utf8'))
  c.setAAD(Buffer.from(associatedData, 'utf8'))
  return Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]).toString('base64')
}

/** RFC 3339 in China time, as v3 writes create_time / update_time (2025-03-01T12:00:00+08:00). */
export const v3Time = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
