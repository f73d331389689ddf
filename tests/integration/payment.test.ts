import fc from 'fast-check'
import { isWellFormedCode } from '../../core/codes/redemption-code'
import { platformFunctions } from '../../local/gateway/functions'
import { wechatShapedCallback } from '../../local/payments/provider'
import { scfContext } from '../../local/gateway/scf-context'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { pay, place } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const buyer = openidOf('consumer')
const notify = (event: unknown) => platformFunctions.payments(event, scfContext('payments', null)) as Promise<{ errcode: number; errmsg?: string }>
const NOT_PLATFORM = { ok: false, code: 'FORBIDDEN', message: '只有微信支付可以发送支付通知' }
const count = async (coll: string, where: Record<string, unknown>) => (await getDb().collection(coll).where(where).count()).total

describe('payment', () => {
  it('a paid order gets one well-formed code per unit, bound to order, deal and shop', async () => {
    const placed = await place(t, buyer, 'deal_tea_for_two', 2)
    const paid = await pay(t, buyer, placed.body.data.id)
    expect(paid.body.ok).toBe(true)
    const { body } = await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, buyer)
    expect(body.data.state).toBe('paid')
    expect(body.data.codes).toHaveLength(2)
    for (const c of body.data.codes) {
      expect(isWellFormedCode(c.code)).toBe(true)
      expect(c.state).toBe('unused')
      const doc = (await getDb().collection('codes').doc(c.code).get()).data[0]
      expect(doc).toMatchObject({ orderId: body.data.id, dealId: 'deal_tea_for_two', shopId: 'shop_shiguang', buyer })
      expect(+doc.validEnd).toBe(body.data.validEnd)
    }
    expect(body.data.timeline.map((e: { action: string }) => e.action)).toEqual(['order.placed', 'order.paid'])
  })

  it('20 duplicate notifies at once, and again later: one payment record, codes issued once', async () => {
    const placed = await place(t, buyer, 'deal_latte', 3)
    const orderId = placed.body.data.id
    const prepay = await t.call('payments', { action: 'prepay', input: { orderId } }, buyer)
    expect(prepay.body.data.provider).toBe('local')
    const event = wechatShapedCallback({ orderId, amountFen: 5970, openid: buyer })
    const replies = await Promise.all(Array.from({ length: 20 }, () => notify(event)))
    expect(replies.every((r) => r.errcode === 0)).toBe(true)
    expect(await notify(event)).toEqual({ errcode: 0 })
    expect(await count('payments', { orderId })).toBe(1)
    expect(await count('codes', { orderId })).toBe(3)
    const order = (await getDb().collection('orders').doc(orderId).get()).data[0]
    expect(order.codes).toHaveLength(3)
    expect(await count('audit_events', { orderId, action: 'order.paid' })).toBe(1)
  })

  it('refuses a forged callback, a wrong amount and an unknown order, changing nothing', async () => {
    const placed = await place(t, buyer, 'deal_latte', 1)
    const orderId = placed.body.data.id
    const before = await snapshotDb()
    const forged = { ...wechatShapedCallback({ orderId, amountFen: 1990, openid: buyer }), sign: 'f'.repeat(64) }
    // Not signed by the provider: whoever sent it is not WeChat Pay, so the answer is an envelope, not an errcode.
    expect(await notify(forged)).toEqual(NOT_PLATFORM)
    expect(await notify(wechatShapedCallback({ orderId, amountFen: 1, openid: buyer }))).toEqual({ errcode: 1, errmsg: 'PAYMENT_AMOUNT_MISMATCH' })
    expect(await notify(wechatShapedCallback({ orderId: 'o_unknown', amountFen: 1990, openid: buyer }))).toEqual({ errcode: 1, errmsg: 'ORDER_NOT_FOUND' })
    // A forged callback sent by a client through the gateway is just as powerless.
    const viaGateway = await t.call('payments', forged, buyer)
    expect([viaGateway.status, viaGateway.body]).toEqual([403, NOT_PLATFORM])
    expect(await snapshotDb()).toEqual(before)
  })

  it('the callback door answers anyone but the platform 403 FORBIDDEN as an envelope, reading nothing; the platform still pays', async () => {
    const placed = await place(t, buyer, 'deal_latte', 1)
    const orderId = placed.body.data.id
    const genuine = wechatShapedCallback({ orderId, amountFen: 1990, openid: buyer })
    const before = await snapshotDb()
    const trips = () => t.stack.db.stats().requests
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const cases: [string, unknown, string | null][] = [
      // What the issue saw: a client's callback-shaped event through the gateway (it used to be HTTP 500 { errcode: 1 }).
      ['bare shape, anonymous', { returnCode: 'SUCCESS', outTradeNo: 'x' }, null],
      ['bare shape, as a user', { returnCode: 'SUCCESS', outTradeNo: 'x' }, buyer],
      // A genuine, signed callback replayed by a user is refused before it is even checked.
      ['genuine event, as a user', genuine, buyer],
      ['signature of 64 non-hex characters', { ...genuine, sign: '支'.repeat(64) }, null],
      ['signed field that is an object', { ...genuine, openid: { toString: 1 } }, null],
      ['signature as an operator', { ...genuine, sign: { $ne: null } }, null],
    ]
    const callers = fc.constantFrom<string | null>(null, buyer, openidOf('owner'))
    const junk = fc.record(
      { returnCode: fc.string({ maxLength: 12 }), outTradeNo: fc.oneof(fc.constant(orderId), fc.string({ maxLength: 40 })), sign: fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), fc.string({ maxLength: 70 }), fc.jsonValue()), totalFee: fc.jsonValue(), transactionId: fc.jsonValue(), openid: fc.jsonValue() },
      { requiredKeys: ['returnCode', 'outTradeNo'] },
    )
    for (const [i, [event, who]] of fc.sample(fc.tuple(junk, callers), { seed: 20_261_123, numRuns: 60 }).entries()) cases.push([`junk ${i}`, event, who])
    const bad: string[] = []
    try {
      for (const [label, event, who] of cases) {
        const n = trips()
        const res = await t.call('payments', event, who)
        if (res.status !== 403 || JSON.stringify(res.body) !== JSON.stringify(NOT_PLATFORM)) bad.push(`${label}: ${res.status} ${JSON.stringify(res.body)}`)
        if (trips() !== n) bad.push(`${label}: reached the database`)
      }
      expect(bad).toEqual([])
      expect(errors).not.toHaveBeenCalled()
    } finally {
      errors.mockRestore()
    }
    expect(await snapshotDb()).toEqual(before)
    // The genuine callback, delivered by the platform (no user in the context), is the one that pays.
    expect(await notify(genuine)).toEqual({ errcode: 0 })
    expect((await t.call('orders', { action: 'get', input: { id: orderId } }, buyer)).body.data.state).toBe('paid')
  })

  it('only the buyer can prepay or read an order; a paid order cannot be paid again', async () => {
    const placed = await place(t, buyer, 'deal_latte', 1)
    const orderId = placed.body.data.id
    const other = openidOf('consumer2')
    expect((await t.call('payments', { action: 'prepay', input: { orderId } }, other)).body.code).toBe('ORDER_NOT_FOUND')
    expect((await t.call('orders', { action: 'get', input: { id: orderId } }, other)).body.code).toBe('ORDER_NOT_FOUND')
    await pay(t, buyer, orderId)
    expect((await t.call('payments', { action: 'prepay', input: { orderId } }, buyer)).body.code).toBe('ORDER_NOT_PAYABLE')
  })

  it('lists my orders newest first', async () => {
    const { body } = await t.call('orders', { action: 'listMine', input: {} }, buyer)
    expect(body.data.items.length).toBeGreaterThanOrEqual(4)
    const created = body.data.items.map((o: { createdAt: number }) => o.createdAt)
    expect([...created].sort((a, b) => b - a)).toEqual(created)
    const mine = await t.call('orders', { action: 'listMine', input: {} }, openidOf('consumer2'))
    expect(mine.body.data.items).toEqual([])
  })
})
