import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, place } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'
import { snapshotDb } from './support/snapshot'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
  ['malformed JSON', () => t.raw('deals', { body: '{"action": "list",' }), 400, 'BAD_JSON'],
  ['unknown function', () => t.call('nosuch', { action: 'list' }), 404, 'UNKNOWN_FUNCTION'],
  ['prototype key as function', () => t.call('__proto__', { action: 'list' }), 404, 'UNKNOWN_FUNCTION'],
  ['unknown action', () => t.call('deals', { action: 'drop', input: {} }), 400, 'UNKNOWN_ACTION'],
  ['inherited action name', () => t.call('deals', { action: 'toString', input: {} }), 400, 'UNKNOWN_ACTION'],
  ['missing action', () => t.call('deals', { input: {} }), 400, 'UNKNOWN_ACTION'],
  ['event is an array', () => t.call('deals', [1, 2]), 400, 'INVALID_INPUT'],
  ['wrong type', () => t.call('deals', { action: 'list', input: { limit: '5' } }), 400, 'INVALID_INPUT'],
  ['fractional number', () => t.call('deals', { action: 'list', input: { limit: 2.5 } }), 400, 'INVALID_INPUT'],
  ['limit over the cap', () => t.call('deals', { action: 'list', input: { limit: 51 } }), 400, 'INVALID_INPUT'],
  ['extra input field', () => t.call('deals', { action: 'get', input: { id: 'deal_latte', x: 1 } }), 400, 'INVALID_INPUT'],
  ['extra event field', () => t.call('deals', { action: 'list', input: {}, openid: 'o_demo_owner_a' }), 400, 'INVALID_INPUT'],
  ['operator injected', () => t.call('deals', { action: 'get', input: { id: { $gt: '' } } }), 400, 'INVALID_INPUT'],
  ['prototype pollution', () => t.raw('deals', { body: '{"action":"get","input":{"id":"deal_latte","__proto__":{"admin":true}}}' }), 400, 'INVALID_INPUT'],
  ['oversized payload', () => t.call('deals', { action: 'list', input: { cursor: 'x'.repeat(101 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE'],
  ['bad identity header', () => t.raw('shops', { body: '{"action":"me"}', headers: { 'x-tuanka-openid': 'a b;WX_OPENID=x' } }), 400, 'INVALID_INPUT'],
]

describe('gateway refuses bad input with a stable code and changes nothing', () => {
  it.each(cases)('%s', async (_name, send, status, code) => {
    const before = await snapshotDb()
    const res = await send()
    expect(res.status).toBe(status)
    expect(res.body).toMatchObject({ ok: false, code })
    expect(typeof res.body.message).toBe('string')
    expect(res.body.message).not.toMatch(/Error|stack|undefined/)
    expect(await snapshotDb()).toEqual(before)
    const alive = await t.call('deals', { action: 'list', input: { limit: 1 } })
    expect(alive.body.ok).toBe(true)
  })

  it('refuses GET on a function', async () => {
    const res = await fetch(`${t.stack.apiUrl}/fn/deals`)
    expect(res.status).toBe(405)
  })

  it('serves demo images and personas, and refuses path traversal', async () => {
    const personas = await (await fetch(`${t.stack.apiUrl}/local/personas`)).json()
    expect(personas.personas.map((p: { key: string }) => p.key)).toEqual(['consumer', 'consumer2', 'promoter', 'owner', 'staff'])
    const traversal = await fetch(`${t.stack.apiUrl}/files/demo/..%2F..%2F..%2Fpackage.json`)
    expect(traversal.status).toBe(404)
  })
})

describe('static files', () => {
  it('serves demo images brotli-compressed to clients that accept br, gzipped to those that take only gzip, plain to others', async () => {
    const { request } = await import('node:http')
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib')
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
        const req = request(`${t.stack.apiUrl}/files/demo/coffee-1.svg`, { headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) }))
        })
        req.on('error', reject)
        req.end()
      })
    const plain = await get({})
    const br = await get({ 'accept-encoding': 'gzip, deflate, br' })
    const gzip = await get({ 'accept-encoding': 'gzip, deflate' })
    const refused = await get({ 'accept-encoding': 'gzip, br;q=0' })
    expect(plain).toMatchObject({ status: 200, encoding: undefined, vary: 'accept-encoding' })
    expect(br).toMatchObject({ status: 200, encoding: 'br', vary: 'accept-encoding' })
    expect(gzip).toMatchObject({ status: 200, encoding: 'gzip', vary: 'accept-encoding' })
    expect(refused.encoding).toBe('gzip')
    expect(brotliDecompressSync(br.body)).toEqual(plain.body)
    expect(gunzipSync(gzip.body)).toEqual(plain.body)
    expect(br.body.length).toBeLessThan(gzip.body.length)
  })
})

describe('/local/pay (the payment sheet in front of the WeChat Pay emulator)', () => {
  const buyer = openidOf('consumer')
  const localPay = async (body: string) => {
    const res = await fetch(`${t.stack.apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    return { status: res.status, body: await res.json() }
  }
  const preview = async (pkg: string) => {
    const res = await fetch(`${t.stack.apiUrl}/local/pay?package=${encodeURIComponent(pkg)}`)
    return { status: res.status, body: await res.json() }
  }

  it('shows the prepay, then answers the payment: { ok: true, data: { paid, orderId, amountFen, transactionId } }; paying again is the same payment', async () => {
    const placed = await place(t, buyer, 'deal_latte', 1, key())
    const prepay = await t.call('payments', { action: 'prepay', input: { orderId: placed.body.data.id } }, buyer)
    const pkg = prepay.body.data.package as string
    expect(await preview(pkg)).toEqual({ status: 200, body: { ok: true, data: { orderId: placed.body.data.id, amountFen: 1990, description: expect.stringContaining('团卡-') } } })
    const body = JSON.stringify({ package: pkg })
    const first = await localPay(body)
    expect(first).toEqual({ status: 200, body: { ok: true, data: { paid: true, orderId: placed.body.data.id, amountFen: 1990, transactionId: expect.stringMatching(/^42000\d+$/) } } })
    expect(await localPay(body)).toEqual(first)
    expect((await getDb().collection('payments').where({ orderId: placed.body.data.id }).count()).total).toBe(1)
    expect((await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, buyer)).body.data.state).toBe('paid')
    // A paid prepay is not shown for paying again.
    expect(await preview(pkg)).toMatchObject({ status: 409, body: { ok: false, code: 'ORDER_NOT_PAYABLE' } })
  })

  it('answers a refusal as an envelope with its own code and status, changing nothing', async () => {
    const before = await snapshotDb()
    expect(await localPay(JSON.stringify({ package: 'prepay_id=wx2025unknown' }))).toEqual({ status: 400, body: { ok: false, code: 'PAYMENT_INVALID', message: '支付通知无效' } })
    expect(await preview('prepay_id=wx2025unknown')).toEqual({ status: 400, body: { ok: false, code: 'PAYMENT_INVALID', message: '支付通知无效' } })
    expect(await localPay(JSON.stringify({ package: 12 }))).toEqual({ status: 400, body: { ok: false, code: 'INVALID_INPUT', message: '输入内容有误' } })
    expect(await localPay(JSON.stringify({ payToken: 'x.y' }))).toEqual({ status: 400, body: { ok: false, code: 'INVALID_INPUT', message: '输入内容有误' } })
    expect(await preview('12')).toEqual({ status: 400, body: { ok: false, code: 'INVALID_INPUT', message: '输入内容有误' } })
    expect(await localPay('{"package":')).toEqual({ status: 400, body: { ok: false, code: 'BAD_JSON', message: '请求格式不正确' } })
    expect(await snapshotDb()).toEqual(before)
  })
})
