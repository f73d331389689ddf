import { platformFunctions } from '../../local/gateway/functions'
import { scfContext } from '../../local/gateway/scf-context'
import { openidOf } from '../../local/seed/personas'
import { fireTimer } from '../../local/timers/scheduler'
import { getDb } from '../../server/platform/cloudbase'
import { placeAndPay } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'
import { auditEvents } from '../support/audit-events'

/**
 * Refunds end to end through the production payment module and the WeChat Pay emulator: WeChat's acceptance of a
 * refund request is not the money; queryRefund and the refund-result callback (confirmed by queryRefund) drive a
 * refund to 退款成功 or 退款异常, the timer re-asks, forged and replayed notices change nothing but the record.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())
afterEach(() => {
  t.stack.wxpay.refundOutcome = 'SUCCESS'
  t.stack.wxpay.failRefunds = false
})

const buyer = openidOf('consumer')
const db = () => getDb()
const notify = (event: unknown) => platformFunctions.payments(event, scfContext('payments', null)) as Promise<Record<string, unknown>>
const refundDoc = async (id: string) => (await db().collection('refunds').doc(id).get()).data[0]
const codeDoc = async (id: string) => (await db().collection('codes').doc(id).get()).data[0]
const orderDoc = async (id: string) => (await db().collection('orders').doc(id).get()).data[0]
const audits = (where: Record<string, unknown>) => auditEvents(where)
const refund = (orderId: string, codes: string[]) => t.call('orders', { action: 'refund', input: { orderId, codes } }, buyer)
/** What changes besides the audit trail: for "recorded, nothing else changed". */
async function state() {
  const { audit_events: _audit, ...rest } = await snapshotDb()
  return { ...rest, refunds: (await db().collection('refunds').orderBy('_id', 'asc').limit(1000).get()).data }
}
/** retryRefunds takes codes refunding for a minute or more. */
async function retryTimer(codes: string[]) {
  for (const c of codes) await db().collection('codes').doc(c).update({ refundRequestedAt: new Date(Date.now() - 120_000) })
  expect(await fireTimer(platformFunctions.timers, 'retryRefunds')).toMatchObject({ ok: true })
}

describe('a refund WeChat Pay is still processing', () => {
  it('stays 退款中 after the request; its result callback books it once, a replay changes nothing but the record', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 2)
    const code = o.codes[0].code as string
    const stock = (await db().collection('deals').doc('deal_tea_for_two').get()).data[0].stock
    t.stack.wxpay.refundOutcome = 'PROCESSING'
    const r = await refund(o.id, [code])
    // WeChat accepted it; the money is not back yet.
    expect(r.body.data.codes.find((c: { code: string }) => c.code === code).state).toBe('refunding')
    expect(r.body.data.refundedFen).toBe(0)
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'processing', attempts: 1, succeededAt: null })
    // The timer asks WeChat again: still processing, nothing moves.
    await retryTimer([code])
    expect((await codeDoc(code)).status).toBe('refunding')
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'processing', attempts: 1 })

    // WeChat finishes it and notifies payments, twice at once (as it may).
    t.stack.wxpay.duplicateDeliveries = 1
    await t.stack.wxpay.settleRefunds('SUCCESS')
    t.stack.wxpay.duplicateDeliveries = 0
    expect(t.stack.wxpay.pendingCallbacks()).toEqual([])
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'succeeded', noticeAt: expect.any(Date), lastError: null })
    expect((await codeDoc(code)).status).toBe('refunded')
    expect(await orderDoc(o.id)).toMatchObject({ status: 'paid', refundedFen: 6800, refundedUnits: 1 })
    expect((await db().collection('deals').doc('deal_tea_for_two').get()).data[0].stock).toBe(stock + 1)
    expect(await audits({ entityId: code, action: 'code.refunded' })).toHaveLength(1)
    expect(await audits({ entityId: `R${code}`, action: 'refund.succeeded' })).toMatchObject([{ from: 'processing', to: 'succeeded', detail: { by: 'notice', refundFen: 6800 } }])

    // The same notification again, later: acknowledged (WeChat stops), recorded, nothing else changes.
    const before = await state()
    const replay = t.stack.wxpay.refundNotice(`R${code}`)
    expect(await notify(replay)).toEqual({ errcode: 0, errmsg: 'REFUND_NOTICE_REPLAYED' })
    expect(await state()).toEqual(before)
    expect(await audits({ entityId: `R${code}`, action: 'refund.notice_replayed' })).toHaveLength(1)
  })
})

describe('退款异常', () => {
  it('a refund WeChat could not return is abnormal: on the timeline, re-asked by the timer, booked once fixed in the merchant platform', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const code = o.codes[0].code as string
    t.stack.wxpay.refundOutcome = 'CHANGE'
    const r = await refund(o.id, [code])
    expect(r.body.data.codes[0].state).toBe('refunding')
    expect(r.body.data.timeline.map((e: { label: string }) => e.label)).toContain('退款异常：原路退回未成功，商家正在处理')
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'abnormal', lastError: '退款异常', abnormalAt: expect.any(Date) })
    expect(await audits({ entityId: `R${code}`, action: 'refund.abnormal' })).toMatchObject([{ orderId: o.id, from: 'requested', to: 'abnormal', detail: { by: 'queryRefund' } }])
    // WeChat's own notice of the abnormal refund confirms what is recorded.
    await t.stack.wxpay.retryPending()
    expect(t.stack.wxpay.pendingCallbacks()).toEqual([])
    // Still abnormal at WeChat: the timer asks, nothing is refunded twice or booked.
    await retryTimer([code])
    expect((await codeDoc(code)).status).toBe('refunding')
    expect(t.stack.wxpay.handle('queryRefund', { sub_mch_id: '1900000109', out_trade_no: o.id })).toMatchObject({ refund_count: 1, refund_status_0: 'CHANGE' })
    // The shop handles it in WeChat Pay's merchant platform; the next retry finds the money back and books it.
    expect(t.stack.wxpay.resolveAbnormalRefund(`R${code}`)).toBe(true)
    await retryTimer([code])
    expect((await codeDoc(code)).status).toBe('refunded')
    expect(await orderDoc(o.id)).toMatchObject({ status: 'refunded', refundedFen: 1990 })
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'succeeded', attempts: 1 })
    const view = (await t.call('orders', { action: 'get', input: { id: o.id } }, buyer)).body.data
    expect(view.timeline.map((e: { label: string }) => e.label)).toEqual(expect.arrayContaining(['退款异常：原路退回未成功，商家正在处理', '退款已原路退回']))
  })

  it('a refund that ends abnormal after processing is told by its callback', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const code = o.codes[0].code as string
    t.stack.wxpay.refundOutcome = 'PROCESSING'
    await refund(o.id, [code])
    await t.stack.wxpay.settleRefunds('CHANGE')
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'abnormal', noticeAt: expect.any(Date) })
    expect(await audits({ entityId: `R${code}`, action: 'refund.abnormal' })).toMatchObject([{ detail: { by: 'notice' } }])
    expect((await codeDoc(code)).status).toBe('refunding')
  })
})

describe('forged refund results', () => {
  it('get REFUND_NOTICE_INVALID and a record, change nothing else; a user cannot reach the door at all', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const code = o.codes[0].code as string
    t.stack.wxpay.refundOutcome = 'PROCESSING'
    await refund(o.id, [code])
    await t.stack.wxpay.settleRefunds('SUCCESS')
    const genuine = t.stack.wxpay.refundNotice(`R${code}`)!
    const processing = await placeAndPay(t, buyer, 'deal_latte', 1)
    await refund(processing.id, [processing.codes[0].code])
    const before = await state()
    const INVALID = { ok: false, code: 'REFUND_NOTICE_INVALID', message: '退款通知无效' }
    const forged: [string, unknown][] = [
      ['a refund WeChat never made', { ...genuine, outRefundNo: 'Rforged000000000' }],
      ['an amount altered', { ...genuine, refundFee: 1 }],
      ['another order', { ...genuine, outTradeNo: processing.id }],
      ['SUCCESS for a refund still processing', { ...t.stack.wxpay.refundNotice(`R${code}`)!, outRefundNo: `R${processing.codes[0].code}`, outTradeNo: processing.id }],
      ['a status WeChat does not say', { ...genuine, refundStatus: 'CHANGE' }],
      ['no status', { ...genuine, refundStatus: undefined }],
    ]
    for (const [label, event] of forged) expect([label, await notify(event)]).toEqual([label, INVALID])
    expect(await state()).toEqual(before)
    expect(await audits({ action: 'refund.notice_refused' })).toHaveLength(forged.length)
    // Through the gateway as a WeChat user: refused at the door with an envelope, before anything is read or recorded.
    const viaGateway = await t.call('payments', genuine, buyer)
    expect([viaGateway.status, viaGateway.body]).toEqual([403, { ok: false, code: 'FORBIDDEN', message: '只有微信支付可以发送支付通知' }])
    expect(await audits({ action: 'refund.notice_refused' })).toHaveLength(forged.length)
  })
})

describe('the refund record', () => {
  it('a result notice that comes before the record (written once WeChat answered) is asked again, not dropped as unknown', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 1)
    const code = o.codes[0].code as string
    // The buyer's refund is claimed and WeChat has accepted and finished it; its record is not written yet (the
    // refunding call is between WeChat's answer and that write, or died there).
    await db().collection('codes').doc(code).update({ status: 'refunding', refundReason: 'buyer', refundRequestedAt: new Date(Date.now()) })
    const asked = { sub_mch_id: '1900000109', out_trade_no: o.id, out_refund_no: `R${code}`, total_fee: 6800, refund_fee: 6800 }
    expect(t.stack.wxpay.handle('refund', asked)).toMatchObject({ result_code: 'SUCCESS' })
    const notice = t.stack.wxpay.refundNotice(`R${code}`)!
    expect(await notify(notice)).toMatchObject({ errcode: 1 })
    expect(await audits({ entityId: `R${code}`, action: 'refund.notice_unknown' })).toHaveLength(0)
    expect(await refundDoc(`R${code}`)).toBeUndefined()
    // Once the record is there (here by the timer), WeChat's next delivery of the notice is its confirmation.
    await retryTimer([code])
    expect(await refundDoc(`R${code}`)).toMatchObject({ status: 'succeeded' })
    expect(await notify(notice)).toEqual({ errcode: 0 })
    expect((await codeDoc(code)).status).toBe('refunded')
    // A genuine notice of a refund this product never asked for is still acknowledged as unknown.
    const other = await placeAndPay(t, buyer, 'deal_tea_for_two', 1)
    const byHand = { sub_mch_id: '1900000109', out_trade_no: other.id, out_refund_no: 'MANUAL-1', total_fee: 6800, refund_fee: 6800 }
    expect(t.stack.wxpay.handle('refund', byHand)).toMatchObject({ result_code: 'SUCCESS' })
    expect(await notify(t.stack.wxpay.refundNotice('MANUAL-1')!)).toEqual({ errcode: 0, errmsg: 'REFUND_UNKNOWN' })
  })

  it('is written once, after WeChat answered; a crash before that write is finished by the timer with the same number, refunded once', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 2)
    const [first, second] = o.codes.map((c: { code: string }) => c.code)
    await refund(o.id, [first])
    expect(await refundDoc(`R${first}`)).toMatchObject({ status: 'succeeded', attempts: 1, lastError: null })

    // The buyer's refund of the second code dies right after WeChat accepted it: the code is claimed, WeChat has the
    // refund, nothing else was written.
    const stock = (await db().collection('deals').doc('deal_tea_for_two').get()).data[0].stock
    await db().collection('codes').doc(second).update({ status: 'refunding', refundReason: 'buyer' })
    const asked = { sub_mch_id: '1900000109', out_trade_no: o.id, out_refund_no: `R${second}`, total_fee: 13600, refund_fee: 6800 }
    expect(t.stack.wxpay.handle('refund', asked)).toMatchObject({ result_code: 'SUCCESS' })
    expect(await refundDoc(`R${second}`)).toBeUndefined()

    await retryTimer([second])
    expect(await refundDoc(`R${second}`)).toMatchObject({ status: 'succeeded' })
    expect((await codeDoc(second)).status).toBe('refunded')
    expect(await orderDoc(o.id)).toMatchObject({ status: 'refunded', refundedFen: 13600, refundedUnits: 2 })
    expect((await db().collection('deals').doc('deal_tea_for_two').get()).data[0].stock).toBe(stock + 1)
    // WeChat refunded each number once.
    expect(t.stack.wxpay.handle('queryRefund', { sub_mch_id: '1900000109', out_trade_no: o.id })).toMatchObject({ refund_count: 2, refund_fee_0: 6800, refund_fee_1: 6800 })
    expect(await audits({ entityId: second, action: 'code.refunded' })).toHaveLength(1)
    expect((await audits({ orderId: o.id })).map((e) => e.action).filter((a) => a.startsWith('order.'))).toEqual(['order.placed', 'order.paid', 'order.refunded'])
  })
})
