import { platformFunctions } from '../../local/gateway/functions'
import { scfContext } from '../../local/gateway/scf-context'
import { fireTimer } from '../../local/timers/scheduler'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { place, placeAndPay, prepayIdOf } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const buyer = openidOf('consumer')
const db = () => getDb()
const deal = async (id: string) => (await db().collection('deals').doc(id).get()).data[0]
const order = async (id: string) => (await db().collection('orders').doc(id).get()).data[0]
const refund = (orderId: string, codes: string[], who = buyer) => t.call('orders', { action: 'refund', input: { orderId, codes } }, who)

describe('随时退', () => {
  it('refunds one unused code: money back, stock back, order stays usable; a retry changes nothing', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 2)
    const stockBefore = (await deal('deal_tea_for_two')).stock
    const [first, second] = o.codes.map((c: { code: string }) => c.code)
    const r1 = await refund(o.id, [first.toLowerCase()])
    expect(r1.body.data.state).toBe('paid')
    expect(r1.body.data.refundedFen).toBe(6800)
    expect(r1.body.data.codes.find((c: { code: string }) => c.code === first).state).toBe('refunded')
    expect((await deal('deal_tea_for_two')).stock).toBe(stockBefore + 1)
    const again = await refund(o.id, [first])
    expect(again.body.data.refundedFen).toBe(6800)
    expect((await deal('deal_tea_for_two')).stock).toBe(stockBefore + 1)
    expect((await db().collection('refunds').where({ orderId: o.id }).count()).total).toBe(1)
    const all = await refund(o.id, [second])
    expect(all.body.data.state).toBe('refunded')
    expect(all.body.data.refundedFen).toBe(13600)
    expect(all.body.data.timeline.map((e: { action: string }) => e.action)).toContain('code.refunded')
  })

  it('refuses a redeemed code, a foreign code and someone else\'s order, changing nothing', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 2)
    const [a, b] = o.codes.map((c: { code: string }) => c.code)
    await db().collection('codes').doc(a).update({ status: 'redeemed', redeemedAt: new Date() })
    const other = await placeAndPay(t, openidOf('consumer2'), 'deal_latte', 1)
    const before = await snapshotDb()
    expect((await refund(o.id, [b, a])).body.code).toBe('CODE_ALREADY_REDEEMED')
    expect((await refund(o.id, [other.codes[0].code])).body.code).toBe('CODE_NOT_FOUND')
    expect((await refund(o.id, [b], openidOf('consumer2'))).body.code).toBe('ORDER_NOT_FOUND')
    expect(await snapshotDb()).toEqual(before)
  })

  it('a refund the provider has not confirmed shows as 退款中 and a timer finishes it', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    t.stack.wxpay.failRefunds = true
    const r = await refund(o.id, [o.codes[0].code])
    t.stack.wxpay.failRefunds = false
    expect(r.body.data.codes[0].state).toBe('refunding')
    await db().collection('codes').doc(o.codes[0].code).update({ refundRequestedAt: new Date(Date.now() - 120_000) })
    const results = await Promise.all([fireTimer(platformFunctions.timers, 'retryRefunds'), fireTimer(platformFunctions.timers, 'retryRefunds')])
    expect(results.every((x) => (x as { ok: boolean }).ok)).toBe(true)
    const after = await order(o.id)
    expect(after.refundedFen).toBe(1990)
    expect(after.status).toBe('refunded')
  })
})

describe('timers', () => {
  it('close unpaid orders once and give the stock back once, even with two timers at once', async () => {
    const placed = await place(t, buyer, 'deal_hotpot_4', 2)
    const id = placed.body.data.id
    const stockAfterPlace = (await deal('deal_hotpot_4')).stock
    await db().collection('orders').doc(id).update({ payBefore: new Date(Date.now() - 1000) })
    await Promise.all([fireTimer(platformFunctions.timers, 'closeUnpaid'), fireTimer(platformFunctions.timers, 'closeUnpaid')])
    expect((await order(id)).status).toBe('closed')
    expect((await deal('deal_hotpot_4')).stock).toBe(stockAfterPlace + 2)
    expect((await db().collection('audit_events').where({ orderId: id, action: 'order.closed' }).count()).total).toBe(1)
    // The purchase limit is free again.
    expect((await place(t, buyer, 'deal_hotpot_4', 2)).body.ok).toBe(true)
  })

  it('a payment that arrives after the order closed is refunded in full', async () => {
    const placed = await place(t, openidOf('consumer2'), 'deal_latte', 2)
    const id = placed.body.data.id
    const prepay = await t.call('payments', { action: 'prepay', input: { orderId: id } }, openidOf('consumer2'))
    // The buyer pays just before the deadline; WeChat's callback arrives after the timer closed the order.
    expect(await t.stack.wxpay.userPaid(prepayIdOf(prepay.body.data.package), { hold: true })).toMatchObject({ ok: true })
    await db().collection('orders').doc(id).update({ payBefore: new Date(Date.now() - 1000) })
    await fireTimer(platformFunctions.timers, 'closeUnpaid')
    const event = t.stack.wxpay.paymentNotice(id)
    const replies = await Promise.all([1, 2, 3].map(() => platformFunctions.payments(event, scfContext('payments', null))))
    expect(replies).toEqual([{ errcode: 0 }, { errcode: 0 }, { errcode: 0 }])
    const o = await order(id)
    expect(o).toMatchObject({ status: 'closed', refundedFen: 3980, codes: [] })
    expect((await db().collection('refunds').where({ orderId: id }).count()).total).toBe(1)
    await t.stack.wxpay.retryPending()
    expect(t.stack.wxpay.pendingCallbacks()).toEqual([])
  })

  it('过期自动退: unused codes are refunded exactly once at expiry, redeemed ones are not', async () => {
    const o = await placeAndPay(t, openidOf('consumer2'), 'deal_tea_for_two', 3)
    const [a, b, c] = o.codes.map((x: { code: string }) => x.code)
    await db().collection('codes').doc(a).update({ status: 'redeemed', redeemedAt: new Date() })
    for (const code of [a, b, c]) await db().collection('codes').doc(code).update({ validEnd: new Date(Date.now() - 1000) })
    const runs = await Promise.all([1, 2, 3].map(() => fireTimer(platformFunctions.timers, 'refundExpired')))
    const refunded = runs.reduce((n: number, r) => n + (r as { data: { refunded: number } }).data.refunded, 0)
    expect(refunded).toBe(2)
    const after = await order(o.id)
    expect(after.refundedFen).toBe(2 * 6800)
    expect(after.status).toBe('completed')
    expect((await db().collection('refunds').where({ orderId: o.id }).count()).total).toBe(2)
    const view = await t.call('orders', { action: 'get', input: { id: o.id } }, openidOf('consumer2'))
    expect(view.body.data.codes.map((x: { state: string; refundReason: string | null }) => [x.state, x.refundReason])).toEqual([
      ['redeemed', null],
      ['refunded', 'expired'],
      ['refunded', 'expired'],
    ])
  })

  it('a user cannot fire a timer', async () => {
    const r = await platformFunctions.timers({ TriggerName: 'closeUnpaid' }, scfContext('timers', buyer))
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await t.call('timers', { TriggerName: 'closeUnpaid' }, buyer)).status).toBe(404)
  })
})
