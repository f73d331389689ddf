import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto'
import type { TransferCallback, TransferState } from './types'

/**
 * WeChat Pay API v3 cryptography of the production client (wechat.ts). The local emulator
 * (local/platform/transfer) writes its own from WeChat's documents, so one side's mistake cannot hide the other's.
 *
 * - Requests: `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`
 *   where signature = base64(RSA-SHA256(merchant private key, `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`)).
 * - Responses and callbacks: header Wechatpay-Signature = base64(RSA-SHA256(WeChat Pay key, `TIMESTAMP\nNONCE\nBODY\n`)),
 *   with Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Serial (the key's id).
 * - Callback resource: AEAD_AES_256_GCM with the 32-byte APIv3 key, nonce and associated_data given; the
 *   base64 ciphertext ends with the 16-byte tag.
 */

/** PEM from an environment variable that may carry literal `\n`. */
export const pemFromEnv = (v: string | undefined) => (v ?? '').replace(/\\n/g, '\n').trim()

export function signMessage(privateKeyPem: string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64')
}

export function verifyMessage(publicKeyPem: string, message: string, signatureB64: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signatureB64, 'base64')
  } catch {
    return false
  }
}

export const requestMessage = (method: string, urlPath: string, timestamp: string, nonce: string, body: string) =>
  `${method.toUpperCase()}\n${urlPath}\n${timestamp}\n${nonce}\n${body}\n`

export const responseMessage = (timestamp: string, nonce: string, body: string) => `${timestamp}\n${nonce}\n${body}\n`

export const newNonce = () => randomBytes(16).toString('hex').toUpperCase()

export interface MerchantCredentials {
  mchId: string
  /** Serial number of the merchant API certificate. */
  serial: string
  privateKey: string
}

export function authorization(
  m: MerchantCredentials,
  req: { method: string; urlPath: string; body: string; timestamp?: string; nonce?: string },
): string {
  const timestamp = req.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = req.nonce ?? newNonce()
  const signature = signMessage(m.privateKey, requestMessage(req.method, req.urlPath, timestamp, nonce, req.body))
  return `WECHATPAY2-SHA256-RSA2048 mchid="${m.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${m.serial}"`
}

export interface EncryptedResource {
  algorithm: string
  ciphertext: string
  nonce: string
  associated_data?: string
  original_type?: string
}

export function encryptResource(apiV3Key: string, plaintext: string, nonce: string, associatedData: string): string {
  const c = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
  c.setAAD(Buffer.from(associatedData, 'utf8'))
  const out = Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()])
  return out.toString('base64')
}

/** Null when the key, nonce, associated data or ciphertext do not match (GCM's tag fails). */
export function decryptResource(apiV3Key: string, r: EncryptedResource): string | null {
  try {
    if (r.algorithm !== 'AEAD_AES_256_GCM' || Buffer.byteLength(apiV3Key) !== 32) return null
    const data = Buffer.from(r.ciphertext, 'base64')
    if (data.length < 17) return null
    const d = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'))
    d.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'))
    d.setAuthTag(data.subarray(data.length - 16))
    return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8')
  } catch {
    return null
  }
}

/** Header lookup regardless of case (the HTTP access path may lower-case them). */
export function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined
  const want = name.toLowerCase()
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === want) return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined
  }
  return undefined
}

export interface CallbackKeys {
  /** WeChat Pay public key (or platform certificate's key), PEM. */
  publicKey: string
  /** Its id (PUB_KEY_ID_…); when set, a callback naming another key is refused. */
  publicKeyId?: string
  apiV3Key: string
  /** How far the callback's timestamp may be from now, seconds (replays of old captures are refused). */
  maxSkewSec?: number
  now?: () => number
}

export const TRANSFER_EVENT = 'MCHTRANSFER.BILL.FINISHED'

/**
 * An HTTP-shaped callback event `{ httpMethod, headers, body, isBase64Encoded }` → the bill's final state, or
 * null when anything does not hold: signature over the exact body, timestamp, key id, decryption, shape.
 */
export function parseTransferCallback(event: unknown, keys: CallbackKeys): TransferCallback | null {
  const e = event as { httpMethod?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown } | null
  if (!e || typeof e !== 'object' || typeof e.body !== 'string') return null
  if (typeof e.httpMethod === 'string' && e.httpMethod.toUpperCase() !== 'POST') return null
  const body = e.isBase64Encoded === true ? Buffer.from(e.body, 'base64').toString('utf8') : e.body
  const timestamp = header(e.headers, 'Wechatpay-Timestamp')
  const nonce = header(e.headers, 'Wechatpay-Nonce')
  const signature = header(e.headers, 'Wechatpay-Signature')
  const serial = header(e.headers, 'Wechatpay-Serial')
  if (!timestamp || !nonce || !signature || !/^\d{1,12}$/.test(timestamp)) return null
  if (keys.publicKeyId && serial !== keys.publicKeyId) return null
  const now = Math.floor((keys.now ?? Date.now)() / 1000)
  if (Math.abs(now - Number(timestamp)) > (keys.maxSkewSec ?? 300)) return null
  if (!verifyMessage(keys.publicKey, responseMessage(timestamp, nonce, body), signature)) return null
  let notice: { event_type?: unknown; resource?: EncryptedResource }
  try {
    notice = JSON.parse(body)
  } catch {
    return null
  }
  if (notice.event_type !== TRANSFER_EVENT || !notice.resource || typeof notice.resource.ciphertext !== 'string') return null
  const plain = decryptResource(keys.apiV3Key, notice.resource)
  if (plain === null) return null
  let r: Record<string, unknown>
  try {
    r = JSON.parse(plain)
  } catch {
    return null
  }
  if (typeof r.out_bill_no !== 'string' || typeof r.state !== 'string') return null
  return {
    outBillNo: r.out_bill_no,
    state: r.state as TransferState,
    ...(typeof r.fail_reason === 'string' && r.fail_reason ? { failReason: r.fail_reason } : {}),
    ...(typeof r.transfer_amount === 'number' ? { amountFen: r.transfer_amount } : {}),
    ...(typeof r.openid === 'string' ? { openid: r.openid } : {}),
  }
}

/**
 * A v3 callback as WeChat Pay sends it, for tests that forge or replay one. Returns the HTTP-shaped event as the
 * function receives it.
 */
export function buildTransferCallback(
  keys: { privateKey: string; publicKeyId: string; apiV3Key: string },
  bill: Record<string, unknown>,
  at = Date.now(),
): { httpMethod: 'POST'; path: string; headers: Record<string, string>; body: string; isBase64Encoded: false } {
  const resourceNonce = randomBytes(6).toString('hex')
  const associatedData = 'mch_payment'
  const notice = {
    id: `EV-${at}-${randomBytes(4).toString('hex')}`,
    create_time: new Date(at).toISOString(),
    resource_type: 'encrypt-resource',
    event_type: TRANSFER_EVENT,
    summary: '商家转账单据终态通知',
    resource: {
      original_type: 'mch_payment',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: encryptResource(keys.apiV3Key, JSON.stringify(bill), resourceNonce, associatedData),
      nonce: resourceNonce,
      associated_data: associatedData,
    },
  }
  const body = JSON.stringify(notice)
  const timestamp = String(Math.floor(at / 1000))
  const nonce = newNonce()
  return {
    httpMethod: 'POST',
    path: '/promoters/transfer-notify',
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': keys.publicKeyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'wechatpay-signature': signMessage(keys.privateKey, responseMessage(timestamp, nonce, body)),
    },
    body,
    isBase64Encoded: false,
  }
}
