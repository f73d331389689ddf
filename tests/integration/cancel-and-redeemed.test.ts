import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, place, placeAndPay } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { allowMessages } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const buyer = 'o_cancel_buyer'
const other = 'o_cancel_other'
const db = () => getDb()
const deal = async (id: string) => (await db().collection('deals').doc(id).get()).data[0]
const orderDoc = async (id: string) => (await db().collection('orders').doc(id).get()).data[0]
const cancel = (orderId: string, who: string | null = buyer) => t.call('orders', { action: 'cancel', input: { orderId } }, who)
const cancelEvents = async (id: string) => (await db().collection('audit_events').where({ orderId: id, action: 'order.cancelled' }).count()).total
const units = async (dealId: string, who: string) => (await db().collection('buyer_units').doc(`${dealId}:${who}`).get()).data[0]?.units ?? 0

describe('orders.cancel (取消订单)', () => {
  it("closes the buyer's unpaid order, returns its stock and purchase limit once, and says so on the timeline", async () => {
    const stockBefore = (await deal('deal_hotpot_4')).stock
    const placed = await place(t, buyer, 'deal_hotpot_4', 2)
    const id = placed.body.data.id as string
    expect((await deal('deal_hotpot_4')).stock).toBe(stockBefore - 2)
    expect(await units('deal_hotpot_4', buyer)).toBe(2)

    const r = await cancel(id)
    expect(r.body.ok).toBe(true)
    expect(r.body.data.state).toBe('closed')
    expect(r.body.data.timeline.map((e: { label: string }) => e.label)).toContain('已取消订单')
    expect((await orderDoc(id)).status).toBe('closed')
    expect((await deal('deal_hotpot_4')).stock).toBe(stockBefore)
    expect(await units('deal_hotpot_4', buyer)).toBe(0)
    expect(await cancelEvents(id)).toBe(1)

    // Idempotent: again, and twice at once, changes nothing more.
    const before = await snapshotDb()
    const again = await Promise.all([cancel(id), cancel(id)])
    expect(again.map((x) => [x.body.ok, x.body.data?.state])).toEqual([[true, 'closed'], [true, 'closed']])
    expect(await snapshotDb()).toEqual(before)
    // A cancelled order can no longer be paid.
    expect((await t.call('payments', { action: 'prepay', input: { orderId: id } }, buyer)).body.code).toBe('ORDER_NOT_PAYABLE')
  })

  it('two cancels racing on a fresh order give its stock back once', async () => {
    const stockBefore = (await deal('deal_latte')).stock
    const id = (await place(t, buyer, 'deal_latte', 1)).body.data.id as string
    const rs = await Promise.all([cancel(id), cancel(id), cancel(id)])
    expect(rs.every((x) => x.body.ok && x.body.data.state === 'closed')).toBe(true)
    expect((await deal('deal_latte')).stock).toBe(stockBefore)
    expect(await cancelEvents(id)).toBe(1)
  })

  it("someone else's order answers ORDER_NOT_FOUND, anonymous UNAUTHENTICATED, and nothing changes", async () => {
    const id = (await place(t, buyer, 'deal_latte', 1)).body.data.id as string
    const before = await snapshotDb()
    expect((await cancel(id, other)).body.code).toBe('ORDER_NOT_FOUND')
    expect((await cancel(id, openidOf('owner'))).body.code).toBe('ORDER_NOT_FOUND')
    expect((await cancel(id, null)).body.code).toBe('UNAUTHENTICATED')
    expect((await cancel('o_missing_order', buyer)).body.code).toBe('ORDER_NOT_FOUND')
    expect(await snapshotDb()).toEqual(before)
    expect((await orderDoc(id)).status).toBe('pending_payment')
  })

  it('a paid order is refused with ORDER_NOT_CANCELLABLE and stays as it was (refund is the way back)', async () => {
    const paid = await placeAndPay(t, buyer, 'deal_tea_for_two', 1)
    expect(paid.state).toBe('paid')
    const before = await snapshotDb()
    const r = await cancel(paid.id)
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({ ok: false, code: 'ORDER_NOT_CANCELLABLE' })
    expect(r.body.message).toBe('订单已支付，不能取消；可以申请退款')
    expect(await snapshotDb()).toEqual(before)
  })

  it('refuses completed and refunded orders too', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const r1 = await t.call('orders', { action: 'refund', input: { orderId: o.id, codes: [o.codes[0].code] } }, buyer)
    expect(r1.body.data.state).toBe('refunded')
    expect((await cancel(o.id)).body.code).toBe('ORDER_NOT_CANCELLABLE')
    const o2 = await placeAndPay(t, buyer, 'deal_latte', 1)
    await t.call('redemption', { action: 'confirm', input: { codes: [o2.codes[0].code], idempotencyKey: key() } }, openidOf('staff'))
    expect((await orderDoc(o2.id)).status).toBe('completed')
    expect((await cancel(o2.id)).body.code).toBe('ORDER_NOT_CANCELLABLE')
  })
})

describe("'redeemed' message (核销成功通知)", () => {
  const who = 'o_redeemed_buyer'
  const staff = openidOf('staff')
  const confirm = (codes: string[]) => t.call('redemption', { action: 'confirm', input: { codes, idempotencyKey: key() } }, staff)
  const inbox = async (w: string) => ((await t.call('orders', { action: 'notifications', input: {} }, w)).body.data as { id: string; kind: string; title: string; body: string; pushed: boolean; page: string }[]).filter((n) => n.kind === 'redeemed')

  it('tells the buyer once per confirmation, naming the units and the shop, using one consent', async () => {
    expect((await allowMessages(t, who, ['redeemed'])).body.data).toEqual([{ kind: 'redeemed', credits: 1 }])
    const o = await placeAndPay(t, who, 'deal_tea_for_two', 2)
    const r = await confirm(o.codes.map((c: { code: string }) => c.code))
    expect(r.body.data.results.every((x: { ok: boolean }) => x.ok)).toBe(true)
    const msgs = await inbox(who)
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({ title: '券码已核销', pushed: true, page: `/pages/order/index?id=${o.id}` })
    expect(msgs[0].body).toContain('2 份已在')
    expect((await db().collection('message_subscriptions').doc(`${who}:redeemed`).get()).data[0].credits).toBe(0)
  })

  it('without consent it stays in the app (消息) and is not pushed; a refused code sends nothing', async () => {
    const o = await placeAndPay(t, who, 'deal_latte', 1)
    await confirm([o.codes[0].code])
    const msgs = await inbox(who)
    expect(msgs).toHaveLength(2)
    expect(msgs[0].pushed).toBe(false)
    expect(msgs[0].body).toContain('1 份已在')
    // Confirming the used code again is refused, and no message follows.
    expect((await confirm([o.codes[0].code])).body.data.results[0].ok).toBe(false)
    expect(await inbox(who)).toHaveLength(2)
    expect(await inbox(other)).toHaveLength(0)
  })
})

