import { generateKeyPairSync } from 'node:crypto'
import { looksLikeTransferCallback } from '../../cloudfunctions/promoters/transfer/types'
import {
  authorization,
  buildTransferCallback,
  decryptResource,
  encryptResource,
  parseTransferCallback,
  pemFromEnv,
  requestMessage,
  responseMessage,
  signMessage,
  verifyMessage,
} from '../../cloudfunctions/promoters/transfer/v3'

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }
}
const wechat = pair()
const stranger = pair()
const APIV3 = '0123456789abcdef0123456789abcdef'
const KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000'
const keys = { publicKey: wechat.publicKey, publicKeyId: KEY_ID, apiV3Key: APIV3 }
const signer = { privateKey: wechat.privateKey, publicKeyId: KEY_ID, apiV3Key: APIV3 }
const bill = { mchid: '1900001109', out_bill_no: 'wabc123', transfer_bill_no: '1330000071100999991182020050700019480001', state: 'SUCCESS', transfer_amount: 544, openid: 'o-user', create_time: '2025-01-01T00:00:00+08:00', update_time: '2025-01-01T00:01:00+08:00' }

describe('WeChat Pay v3 request signing', () => {
  it('signs METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nBODY\\n with the merchant key, in the documented header', () => {
    const merchant = pair()
    const body = JSON.stringify({ out_bill_no: 'w1', transfer_amount: 100 })
    const h = authorization({ mchId: '1900001109', serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKey: merchant.privateKey }, { method: 'POST', urlPath: '/v3/fund-app/mch-transfer/transfer-bills', body, timestamp: '1554208460', nonce: '593BEC0C930BF1AFEB40B4A08C8FB242' })
    const m = /^WECHATPAY2-SHA256-RSA2048 mchid="1900001109",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="([A-Za-z0-9+/=]+)",timestamp="1554208460",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"$/.exec(h)
    expect(m).not.toBeNull()
    const message = 'POST\n/v3/fund-app/mch-transfer/transfer-bills\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n' + body + '\n'
    expect(requestMessage('post', '/v3/fund-app/mch-transfer/transfer-bills', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', body)).toBe(message)
    expect(verifyMessage(merchant.publicKey, message, m![1])).toBe(true)
    expect(verifyMessage(merchant.publicKey, message.replace('100', '101'), m![1])).toBe(false)
    expect(verifyMessage(stranger.publicKey, message, m![1])).toBe(false)
    // A GET signs an empty body.
    const g = authorization({ mchId: 'm', serial: 's', privateKey: merchant.privateKey }, { method: 'GET', urlPath: '/v3/x/out-bill-no/w1', body: '', timestamp: '1', nonce: 'N' })
    expect(verifyMessage(merchant.publicKey, 'GET\n/v3/x/out-bill-no/w1\n1\nN\n\n', /signature="([^"]+)"/.exec(g)![1])).toBe(true)
  })

  it('reads PEM keys from environment values with escaped newlines', () => {
    const escaped = wechat.privateKey.replace(/\n/g, '\\n')
    expect(verifyMessage(wechat.publicKey, 'x', signMessage(pemFromEnv(escaped), 'x'))).toBe(true)
  })
})

describe('AEAD_AES_256_GCM resource', () => {
  it('round-trips, and refuses a changed ciphertext, nonce, associated data or key', () => {
    const ct = encryptResource(APIV3, '{"a":1}', 'fdasflkja484w', 'mch_payment')
    const r = { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct, nonce: 'fdasflkja484w', associated_data: 'mch_payment' }
    expect(decryptResource(APIV3, r)).toBe('{"a":1}')
    const flipped = Buffer.from(ct, 'base64')
    flipped[1] ^= 0x40
    expect(decryptResource(APIV3, { ...r, ciphertext: flipped.toString('base64') })).toBeNull()
    expect(decryptResource(APIV3, { ...r, nonce: 'fdasflkja484x' })).toBeNull()
    expect(decryptResource(APIV3, { ...r, associated_data: 'transfer' })).toBeNull()
    expect(decryptResource('f'.repeat(32), r)).toBeNull()
    expect(decryptResource(APIV3, { ...r, algorithm: 'AES_256_CBC' })).toBeNull()
    expect(decryptResource(APIV3, { ...r, ciphertext: 'AAAA' })).toBeNull()
  })
})

describe('transfer callback verification', () => {
  const now = Date.UTC(2025, 0, 1)
  const at = (ms = now) => ({ ...keys, now: () => ms })

  it('accepts a signed, encrypted MCHTRANSFER.BILL.FINISHED and returns the bill', () => {
    const e = buildTransferCallback(signer, { ...bill, state: 'FAIL', fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }, now)
    expect(looksLikeTransferCallback(e)).toBe(true)
    expect(parseTransferCallback(e, at())).toEqual({ outBillNo: 'wabc123', state: 'FAIL', failReason: 'PAYEE_ACCOUNT_ABNORMAL', amountFen: 544, openid: 'o-user' })
    // Headers in any case; body base64-encoded by the HTTP access path.
    const upper = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.replace(/(^|-)([a-z])/g, (_, a, b) => a + b.toUpperCase()), v]))
    expect(parseTransferCallback({ ...e, headers: upper, body: Buffer.from(e.body).toString('base64'), isBase64Encoded: true }, at())).toMatchObject({ state: 'FAIL' })
  })

  it('refuses a foreign signature, an altered body, another key id, a stale timestamp, a wrong APIv3 key and other events', () => {
    const e = buildTransferCallback(signer, bill, now)
    expect(parseTransferCallback(buildTransferCallback({ ...signer, privateKey: stranger.privateKey }, bill, now), at())).toBeNull()
    expect(parseTransferCallback({ ...e, body: e.body.replace('"id":"EV-', '"id":"EV-x') }, at())).toBeNull()
    expect(parseTransferCallback({ ...e, headers: { ...e.headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' } }, at())).toBeNull()
    expect(parseTransferCallback(e, at(now + 301_000))).toBeNull()
    expect(parseTransferCallback(e, at(now - 301_000))).toBeNull()
    expect(parseTransferCallback(e, at(now + 299_000))).not.toBeNull()
    expect(parseTransferCallback(e, { ...at(), apiV3Key: 'f'.repeat(32) })).toBeNull()
    expect(parseTransferCallback({ ...e, httpMethod: 'GET' }, at())).toBeNull()
    const { 'wechatpay-signature': _sig, ...noSig } = e.headers
    expect(parseTransferCallback({ ...e, headers: noSig }, at())).toBeNull()
    // Correctly signed, but not a transfer notice, or missing fields.
    const other = JSON.parse(e.body)
    other.event_type = 'TRANSACTION.SUCCESS'
    const body = JSON.stringify(other)
    const ts = e.headers['wechatpay-timestamp']
    const nonce = e.headers['wechatpay-nonce']
    const resigned = { ...e, body, headers: { ...e.headers, 'wechatpay-signature': signMessage(wechat.privateKey, responseMessage(ts, nonce, body)) } }
    expect(parseTransferCallback(resigned, at())).toBeNull()
    expect(parseTransferCallback(buildTransferCallback(signer, { state: 'SUCCESS' }, now), at())).toBeNull()
    expect(parseTransferCallback(null, at())).toBeNull()
    expect(parseTransferCallback({ httpMethod: 'POST', headers: {}, body: 1 }, at())).toBeNull()
  })

  it('tells an HTTP callback from a client call', () => {
    expect(looksLikeTransferCallback({ action: 'withdraw', input: {}, httpMethod: 'POST', headers: { 'Wechatpay-Signature': 'x' } })).toBe(false)
    expect(looksLikeTransferCallback({ httpMethod: 'POST', headers: { 'content-type': 'application/json' }, body: '' })).toBe(false)
    expect(looksLikeTransferCallback({ httpMethod: 'POST', headers: { 'Wechatpay-Signature': 'x' }, body: '' })).toBe(true)
    expect(looksLikeTransferCallback([])).toBe(false)
  })
})
