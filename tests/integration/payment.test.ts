import fc from 'fast-check'
import { isWellFormedCode } from '../../core/codes/redemption-code'
import { platformFunctions } from '../../local/gateway/functions'
import { scfContext } from '../../local/gateway/scf-context'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { pay, place, prepayIdOf } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { auditCount } from '../support/audit-events'
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

/** The buyer paid at the emulator, which holds the callback back: the test delivers WeChat's notification itself. */
async function paidHeld(orderId: string): Promise<Record<string, unknown>> {
  const prepay = await t.call('payments', { action: 'prepay', input: { orderId } }, buyer)
  expect(prepay.body.data.provider).toBe('wechat')
  const r = await t.stack.wxpay.userPaid(prepayIdOf(prepay.body.data.package), { hold: true })
  if (!r.ok) throw new Error(r.reason)
  return t.stack.wxpay.paymentNotice(orderId)!
}

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
    const event = await paidHeld(orderId)
    const replies = await Promise.all(Array.from({ length: 20 }, () => notify(event)))
    expect(replies.every((r) => r.errcode === 0)).toBe(true)
    expect(await notify(event)).toEqual({ errcode: 0 })
    expect(await count('payments', { orderId })).toBe(1)
    expect(await count('codes', { orderId })).toBe(3)
    const order = (await getDb().collection('orders').doc(orderId).get()).data[0]
    expect(order.codes).toHaveLength(3)
    expect(await auditCount({ orderId, action: 'order.paid' })).toBe(1)
    // The emulator's own (held) delivery comes last and is acknowledged too.
    await t.stack.wxpay.retryPending()
    expect(t.stack.wxpay.pendingCallbacks()).toEqual([])
    expect(await count('payments', { orderId })).toBe(1)
  })

  it('refuses a callback WeChat Pay does not confirm (unpaid, unknown, altered), changing nothing', async () => {
    const placed = await place(t, buyer, 'deal_latte', 1)
    const orderId = placed.body.data.id
    const unpaid = await place(t, buyer, 'deal_latte', 1)
    const genuine = await paidHeld(orderId)
    const before = await snapshotDb()
    // queryOrder does not say SUCCESS: whoever sent it is not WeChat Pay, so the answer is an envelope, not an errcode.
    expect(await notify({ ...genuine, outTradeNo: unpaid.body.data.id })).toEqual(NOT_PLATFORM)
    expect(await notify({ ...genuine, outTradeNo: 'o_unknown' })).toEqual(NOT_PLATFORM)
    // A genuine notification altered (amount, transaction, payer) disagrees with queryOrder.
    expect(await notify({ ...genuine, totalFee: 1 })).toEqual(NOT_PLATFORM)
    expect(await notify({ ...genuine, transactionId: '4200000000000000000001' })).toEqual(NOT_PLATFORM)
    expect(await notify({ ...genuine, subOpenid: openidOf('consumer2') })).toEqual(NOT_PLATFORM)
    expect(await notify({ ...genuine, openid: { toString: 1 } })).toEqual(NOT_PLATFORM)
    // The genuine one sent by a client through the gateway is just as powerless.
    const viaGateway = await t.call('payments', genuine, buyer)
    expect([viaGateway.status, viaGateway.body]).toEqual([403, NOT_PLATFORM])
    expect(await snapshotDb()).toEqual(before)
  })

  it('the callback door answers anyone but the platform 403 FORBIDDEN as an envelope, reading nothing; the platform still pays', async () => {
    const placed = await place(t, buyer, 'deal_latte', 1)
    const orderId = placed.body.data.id
    const genuine = await paidHeld(orderId)
    const before = await snapshotDb()
    const trips = () => t.stack.db.stats().requests
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const cases: [string, unknown, string | null][] = [
      // What the issue saw: a client's callback-shaped event through the gateway (it used to be HTTP 500 { errcode: 1 }).
      ['bare shape, anonymous', { returnCode: 'SUCCESS', outTradeNo: 'x' }, null],
      ['bare shape, as a user', { returnCode: 'SUCCESS', outTradeNo: 'x' }, buyer],
      // A genuine callback replayed by a user is refused before it is even checked.
      ['genuine event, as a user', genuine, buyer],
      ['genuine event with an operator, as a user', { ...genuine, totalFee: { $gt: 0 } }, buyer],
      ['a field that is an object', { ...genuine, openid: { toString: 1 } }, null],
      ['an amount as an operator', { ...genuine, totalFee: { $ne: null } }, null],
      ['a result that is not SUCCESS', { ...genuine, resultCode: 'FAIL' }, null],
    ]
    const callers = fc.constantFrom<string | null>(null, buyer, openidOf('owner'))
    const junk = fc.record(
      { returnCode: fc.string({ maxLength: 12 }), resultCode: fc.constantFrom('SUCCESS', 'FAIL'), outTradeNo: fc.oneof(fc.constant(orderId), fc.string({ maxLength: 40 })), sign: fc.jsonValue(), totalFee: fc.jsonValue(), transactionId: fc.jsonValue(), openid: fc.jsonValue() },
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
