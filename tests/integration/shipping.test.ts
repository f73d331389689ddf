import { SHIPPING_LEASE_MS } from '@core/orders/shipping'
import { shipOrder, uploadDueShipping } from '../../cloudfunctions/orders/shipping'
import type { OrderDoc } from '../../cloudfunctions/orders/collections'
import { acceptedUploads, confirmReceipt, shippingDesk } from '../../local/platform/openapi/apis/shipping'
import { clockOffset, setClockOffset } from '../../local/clock'
import type { OpenApiEmulator } from '../../local/platform/openapi/registry'
import { openidOf } from '../../local/seed/personas'
import type { Ctx } from '../../server/context'
import { getDb } from '../../server/platform/cloudbase'
import { wechatShipping, type ShippingPlatform } from '../../server/platform/shipping'
import { platformFunctions } from '../../local/gateway/functions'
import { fireTimer } from '../../local/timers/scheduler'
import { place, pay, placeAndPay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

/**
 * 发货信息 (issue 14 item 3): every paid order reaches WeChat's shipping upload exactly once. The production module
 * (server/platform/shipping.ts: wx-server-sdk cloud.openapi) runs against the stack's WeChat, whose order_shipping
 * handlers are local/platform/openapi/apis/shipping.ts, through duplicate payment callbacks, timers running at once,
 * refusals, lost answers and attempts that die half-way.
 */
let t: TestStack
let wx: OpenApiEmulator
/** Time is an input: the test moves the one clock the functions, the database and both emulators read. */
const now = () => Date.now()
const advance = (ms: number) => setClockOffset(clockOffset() + ms)
beforeAll(async () => {
  t = await startTestStack()
  wx = t.stack.openapi
})
afterAll(() => t.stop())
beforeEach(() => {
  const desk = shippingDesk(wx)
  desk.refuseNext = []
  desk.loseAnswers = 0
  desk.knownAfterMs = 0
})

const consumer = openidOf('consumer')
/** A buyer per order, so the deal's per-person limit never decides a test. */
let n = 0
let buyer: string = consumer
const nextBuyer = () => (buyer = `o_ship_buyer_${++n}`)
beforeEach(nextBuyer)
const ctx = (): Ctx => ({ fn: 'timers', requestId: `test-${Math.random()}`, caller: { openid: null, appid: null }, db: getDb(), now })

/** The production module: wx-server-sdk's cloud.openapi, unmodified, over the SDK transport to the stack's WeChat. */
const platform: ShippingPlatform = wechatShipping

const orderDoc = async (id: string) => (await getDb().collection('orders').doc(id).get()).data[0] as OrderDoc
const uploadsOf = (api = 'wxa.sec.order.uploadShippingInfo') => wx.calls.filter((c) => c.api === api)
const txOf = async (id: string) => (await orderDoc(id)).transactionId as string
const timelineOf = async (id: string) => (await t.call('orders', { action: 'get', input: { id } }, buyer)).body.data.timeline.map((e: { label: string }) => e.label)
const shippingAudits = async (orderId: string) =>
  (await getDb().collection('audit_events').where({ orderId }).get()).data.filter((e: { action: string }) => e.action.startsWith('order.shipping')).map((e: { action: string; detail: { code: string | null } }) => [e.action, e.detail.code])

describe('发货信息', () => {
  it('a payment marks the order due; the timer uploads it once as a virtual good and the timeline says so', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 2)
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'due', attempts: 0 })
    const before = uploadsOf().length
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ accepted: 1 })
    const doc = await orderDoc(order.id)
    expect(doc.shipping).toMatchObject({ state: 'accepted', attempts: 1, uncertain: false, lastCode: null, uploadTime: expect.stringMatching(/\+08:00$/) })
    const sent = uploadsOf().slice(before)
    expect(sent.map((c) => c.params)).toEqual([
      {
        order_key: { order_number_type: 2, transaction_id: doc.transactionId },
        logistics_type: 3,
        delivery_mode: 1,
        shipping_list: [{ item_desc: `${doc.dealTitle}*2` }],
        upload_time: doc.shipping?.uploadTime,
        payer: { openid: buyer },
      },
    ])
    expect(acceptedUploads(wx).get(doc.transactionId as string)).toBe(1)
    expect(await timelineOf(order.id)).toContain('已发货：券码已发放，发货信息已同步微信')
    // Nothing is left to do: another run sends nothing.
    expect(await uploadDueShipping(ctx(), platform)).toEqual({ accepted: 0, refused: 0, skipped: 0, unknown: 0, busy: 0 })
    expect(uploadsOf().length).toBe(before + 1)
  })

  it('duplicate payment callbacks and timers at once: every paid order has exactly one accepted upload', async () => {
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      nextBuyer()
      const placed = await place(t, buyer, 'deal_latte', 1)
      const paid = await pay(t, buyer, placed.body.data.id)
      expect(paid.status).toBe(200)
      // WeChat delivers the same payment again, twice at once (the sheet's confirm on a paid prepay re-delivers it).
      const again = () => fetch(`${t.stack.apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: paid.package }) })
      await Promise.all([again(), again()])
      ids.push(placed.body.data.id)
    }
    const runs = await Promise.all([1, 2, 3].map(() => uploadDueShipping(ctx(), platform)))
    expect(runs.reduce((s, r) => s + r.accepted, 0)).toBe(4)
    for (const id of ids) {
      expect((await orderDoc(id)).shipping?.state).toBe('accepted')
      expect(acceptedUploads(wx).get(await txOf(id))).toBe(1)
      expect(await shippingAudits(id)).toEqual([['order.shipping_uploaded', null]])
    }
  })

  it('a refusal is recorded with a stable code and retried after its delay until accepted', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    shippingDesk(wx).refuseNext = [47001]
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ refused: 1, accepted: 0 })
    let doc = await orderDoc(order.id)
    expect(doc.shipping).toMatchObject({ state: 'refused', attempts: 1, lastCode: 'SHIPPING_BAD_REQUEST', uncertain: false })
    // Not before its time.
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ accepted: 0, refused: 0 })
    advance(61_000)
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ accepted: 1 })
    doc = await orderDoc(order.id)
    expect(doc.shipping).toMatchObject({ state: 'accepted', attempts: 2, lastCode: null })
    expect(acceptedUploads(wx).get(doc.transactionId as string)).toBe(1)
    expect(await shippingAudits(order.id)).toEqual([['order.shipping_refused', 'SHIPPING_BAD_REQUEST'], ['order.shipping_uploaded', null]])
  })

  it('WeChat not knowing the payment yet (10060001 right after paying) is retried', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    shippingDesk(wx).knownAfterMs = 30_000
    await uploadDueShipping(ctx(), platform)
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'refused', lastCode: 'SHIPPING_PAYMENT_UNKNOWN' })
    advance(61_000)
    await uploadDueShipping(ctx(), platform)
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'accepted', attempts: 2 })
    expect(acceptedUploads(wx).get(await txOf(order.id))).toBe(1)
  })

  it('an answer lost after WeChat accepted: the next attempt reads WeChat and records it without a second upload', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    shippingDesk(wx).loseAnswers = 1
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ unknown: 1 })
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'refused', lastCode: 'SHIPPING_NO_ANSWER', uncertain: true })
    const uploads = uploadsOf().length
    advance(61_000)
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ accepted: 1 })
    expect(uploadsOf().length).toBe(uploads)
    expect(acceptedUploads(wx).get(await txOf(order.id))).toBe(1)
  })

  it.each([
    ['after WeChat accepted', true],
    ['before the upload left', false],
  ])('an attempt that dies %s is taken over after its lease, and the order ends with one accepted upload', async (_name, landed) => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    // The dying attempt: its function is killed mid-call, so it never records anything.
    const dying: ShippingPlatform = {
      getOrder: platform.getOrder,
      upload: async (body) => {
        if (landed) await platform.upload(body)
        return new Promise(() => {})
      },
    }
    void shipOrder(ctx(), dying, await orderDoc(order.id))
    await new Promise((r) => setTimeout(r, 300))
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'sending', attempts: 1 })
    // Within its lease nobody else touches it.
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ accepted: 0 })
    advance(SHIPPING_LEASE_MS + 1000)
    expect(await uploadDueShipping(ctx(), platform)).toMatchObject({ accepted: 1 })
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'accepted', attempts: 2 })
    expect(acceptedUploads(wx).get(await txOf(order.id))).toBe(1)
  })

  it('an order refunded in full before its upload is skipped, and WeChat is asked nothing', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    const refunded = await t.call('orders', { action: 'refund', input: { orderId: order.id, codes: order.codes.map((c: { code: string }) => c.code) } }, buyer)
    expect(refunded.body.ok).toBe(true)
    const uploads = uploadsOf().length
    await uploadDueShipping(ctx(), platform)
    expect((await orderDoc(order.id)).shipping).toMatchObject({ state: 'skipped', lastCode: 'SHIPPING_REFUNDED' })
    expect(uploadsOf().length).toBe(uploads)
  })

  it('after the buyer confirms receipt WeChat refuses more uploads (10060004)', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    await uploadDueShipping(ctx(), platform)
    const tx = await txOf(order.id)
    expect(confirmReceipt(wx, tx, now())).toBe(true)
    expect(confirmReceipt(wx, tx, now())).toBe(false)
    expect(await platform.getOrder(tx)).toEqual({ errcode: 0, orderState: 3 })
    const again = await platform.upload({ order_key: { order_number_type: 2, transaction_id: tx }, logistics_type: 3, delivery_mode: 1, shipping_list: [{ item_desc: 'x' }], upload_time: '2026-11-23T14:00:00+08:00', payer: { openid: buyer } })
    expect(again).toEqual({ errcode: 10060004, errmsg: expect.stringContaining('支付单处于不可发货的状态') })
  })

  it('the platform refuses malformed uploads and unknown payments', async () => {
    const ok = { order_key: { order_number_type: 2, transaction_id: '4200000000000000000000' }, logistics_type: 3, delivery_mode: 1, shipping_list: [{ item_desc: 'x' }], upload_time: '2026-11-23T14:00:00+08:00', payer: { openid: buyer } }
    expect(await platform.upload(ok)).toEqual({ errcode: 10060001, errmsg: expect.stringContaining('支付单不存在') })
    for (const bad of [{ logistics_type: 9 }, { shipping_list: [] }, { upload_time: '2026-11-23 14:00' }, { payer: {} }, { logistics_type: 1 }]) {
      expect(await platform.upload({ ...ok, ...bad } as typeof ok)).toEqual({ errcode: 47001, errmsg: expect.stringContaining('data format error') })
    }
    expect(await platform.getOrder('4200000000000000000000')).toEqual({ errcode: 10060001, errmsg: expect.stringContaining('支付单不存在') })
  })
})

describe('发货信息 in production form', () => {
  it('the timers function uploads through wx-server-sdk (cloud.openapi, unmodified) to the stack\'s WeChat, once', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    const tx = await txOf(order.id)
    const platformCalls = () => t.stack.openapi.calls.filter((c) => c.api === 'wxa.sec.order.uploadShippingInfo' && (c.params.order_key as { transaction_id?: string })?.transaction_id === tx)
    const fired = (await fireTimer(platformFunctions.timers, 'uploadShipping')) as { ok: boolean; data: Record<string, number> }
    expect(fired).toMatchObject({ ok: true, data: { accepted: 1 } })
    expect(platformCalls()).toEqual([expect.objectContaining({ errcode: 0, params: expect.objectContaining({ logistics_type: 3, delivery_mode: 1, payer: { openid: buyer } }) })])
    expect(acceptedUploads(t.stack.openapi).get(tx)).toBe(1)
    // The same timer twice at once finds nothing more to do.
    await Promise.all([fireTimer(platformFunctions.timers, 'uploadShipping'), fireTimer(platformFunctions.timers, 'uploadShipping')])
    expect(platformCalls()).toHaveLength(1)
    // WeChat's refusal reaches the product as its errcode (wx-server-sdk throws it): recorded, retried.
    const next = await placeAndPay(t, buyer, 'deal_latte', 1)
    shippingDesk(t.stack.openapi).refuseNext = [10060001]
    await fireTimer(platformFunctions.timers, 'uploadShipping')
    expect((await orderDoc(next.id)).shipping).toMatchObject({ state: 'refused', lastCode: 'SHIPPING_PAYMENT_UNKNOWN', uncertain: false })
    advance(61_000)
    await fireTimer(platformFunctions.timers, 'uploadShipping')
    expect((await orderDoc(next.id)).shipping).toMatchObject({ state: 'accepted', attempts: 2 })
    expect(acceptedUploads(t.stack.openapi).get(await txOf(next.id))).toBe(1)
  })
})

describe('确认收货 (weappOrderConfirm)', () => {
  it('is offered once WeChat has the shipping info, recorded only when WeChat confirms it, once, for the buyer alone', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    const confirm = (who: string) => t.call('orders', { action: 'confirmReceipt', input: { orderId: order.id } }, who)
    expect(order.receipt ?? null).toBeNull()
    expect((await confirm(buyer)).body).toMatchObject({ ok: false, code: 'RECEIPT_NOT_CONFIRMED' })
    await fireTimer(platformFunctions.timers, 'uploadShipping')
    const tx = await txOf(order.id)
    expect((await t.call('orders', { action: 'get', input: { id: order.id } }, buyer)).body.data.receipt).toEqual({ transactionId: tx, confirmed: false })
    // The component's "success" alone is not enough: WeChat has not seen a confirmation yet.
    expect((await confirm(buyer)).body).toMatchObject({ ok: false, code: 'RECEIPT_NOT_CONFIRMED' })
    expect(confirmReceipt(t.stack.openapi, tx, Date.now())).toBe(true)
    expect((await confirm(consumer)).body).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
    const [a, b] = await Promise.all([confirm(buyer), confirm(buyer)])
    expect([a.body.ok, b.body.ok]).toEqual([true, true])
    expect(a.body.data.receipt).toEqual({ transactionId: tx, confirmed: true })
    const timeline = await timelineOf(order.id)
    expect(timeline.filter((l: string) => l === '已确认收货')).toHaveLength(1)
    expect(timeline.indexOf('已确认收货')).toBeGreaterThan(timeline.indexOf('已发货：券码已发放，发货信息已同步微信'))
  })

  it('is not offered on an order refunded in full', async () => {
    const order = await placeAndPay(t, buyer, 'deal_latte', 1)
    await fireTimer(platformFunctions.timers, 'uploadShipping')
    const refunded = await t.call('orders', { action: 'refund', input: { orderId: order.id, codes: order.codes.map((c: { code: string }) => c.code) } }, buyer)
    expect(refunded.body.data.state).toBe('refunded')
    expect(refunded.body.data.receipt).toBeNull()
  })
})
