import { platformFunctions } from '../../local/gateway/functions'
import { scfContext } from '../../local/gateway/scf-context'
import { fireTimer } from '../../local/timers/scheduler'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { place } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

/**
 * The production payment module (cloudfunctions/payments/gateway/wechat.ts, cloudPay through the unmodified
 * wx-server-sdk) against the local stack's WeChat Pay emulator: prepay, the buyer paying, the callback to
 * `payments` checked with queryOrder, duplicates, forgeries, refunds and their callback.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const buyer = openidOf('consumer')
const notify = (event: unknown) => platformFunctions.payments(event, scfContext('payments', null))
const NOT_PLATFORM = { ok: false, code: 'FORBIDDEN', message: '只有微信支付可以发送支付通知' }
/** The local payment sheet's 确认支付 with the parameters wx.requestPayment would get. */
const sheet = async (body: unknown) => {
  const res = await fetch(`${t.stack.apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() }
}
const count = async (coll: string, where: Record<string, unknown>) => (await getDb().collection(coll).where(where).count()).total

async function prepaid(dealId: string, qty: number) {
  const placed = await place(t, buyer, dealId, qty)
  if (!placed.body.ok) throw new Error(`place failed: ${JSON.stringify(placed.body)}`)
  const orderId = placed.body.data.id as string
  const prepay = await t.call('payments', { action: 'prepay', input: { orderId } }, buyer)
  if (!prepay.body.ok) throw new Error(`prepay failed: ${JSON.stringify(prepay.body)}`)
  return { orderId, prepay: prepay.body }
}

describe('WeChat Pay through cloudPay', () => {
  it('prepay answers wx.requestPayment parameters; paying delivers the callback, which pays the order once', async () => {
    const { orderId, prepay } = await prepaid('deal_latte', 2)
    expect(prepay.ok).toBe(true)
    expect(prepay.data).toMatchObject({ provider: 'wechat', signType: 'MD5', package: expect.stringMatching(/^prepay_id=wx\d+/) })
    const paid = await sheet({ package: prepay.data.package })
    expect(paid).toEqual({ status: 200, body: { ok: true, data: { paid: true, orderId, amountFen: 3980, transactionId: expect.stringMatching(/^42000\d+$/) } } })
    expect(t.stack.wxpay.pendingCallbacks()).toEqual([])
    const { body } = await t.call('orders', { action: 'get', input: { id: orderId } }, buyer)
    expect(body.data.state).toBe('paid')
    expect(body.data.codes).toHaveLength(2)
    const payment = (await getDb().collection('payments').where({ orderId }).get()).data
    expect(payment).toMatchObject([{ _id: paid.body.data.transactionId, amountFen: 3980, payer: buyer }])

    // WeChat notifies again (and again at once): nothing more happens.
    const again = await Promise.all([sheet({ package: prepay.data.package }), sheet({ package: prepay.data.package })])
    expect(again.map((r) => r.body.data?.transactionId)).toEqual([paid.body.data.transactionId, paid.body.data.transactionId])
    expect(await count('payments', { orderId })).toBe(1)
    expect(await count('codes', { orderId })).toBe(2)
    expect(await sheet({ package: 'prepay_id=wx_unknown' })).toMatchObject({ status: 400, body: { ok: false, code: 'PAYMENT_INVALID' } })
    expect(await sheet({ package: 5 })).toMatchObject({ status: 400, body: { ok: false, code: 'INVALID_INPUT' } })
    // Paid orders cannot be prepaid again.
    expect((await t.call('payments', { action: 'prepay', input: { orderId } }, buyer)).body.code).toBe('ORDER_NOT_PAYABLE')
  })

  it('a callback WeChat Pay does not confirm (unpaid order, unknown order) is refused, changing nothing', async () => {
    const { orderId, prepay } = await prepaid('deal_latte', 1)
    expect(prepay.ok).toBe(true)
    const snapshot = await snapshotDb()
    const forged = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: orderId, transactionId: '4200000000000000000001', totalFee: 1990, subOpenid: buyer }
    expect(await notify(forged)).toEqual(NOT_PLATFORM)
    expect(await notify({ ...forged, outTradeNo: 'o_unknown' })).toEqual(NOT_PLATFORM)
    // A user's call shaped like a callback is refused at the door.
    expect((await t.call('payments', forged, buyer)).status).toBe(403)
    expect(await snapshotDb()).toEqual(snapshot)
  })

  it('a refund goes to WeChat Pay once per refund number, is confirmed by queryRefund, and its result callback with it', async () => {
    const { orderId, prepay } = await prepaid('deal_tea_for_two', 2)
    await t.stack.wxpay.userPaid(prepay.data.package.slice('prepay_id='.length))
    const o = (await t.call('orders', { action: 'get', input: { id: orderId } }, buyer)).body.data
    const first = o.codes[0].code
    const r1 = await t.call('orders', { action: 'refund', input: { orderId, codes: [first] } }, buyer)
    expect(r1.body.data.codes.find((c: { code: string }) => c.code === first).state).toBe('refunded')
    expect(r1.body.data.refundedFen).toBe(6800)
    // queryRefund said SUCCESS right after the request; WeChat's result notice comes later and confirms it.
    const refunds = (await getDb().collection('refunds').where({ orderId }).get()).data
    expect(refunds).toMatchObject([{ status: 'succeeded', refundFen: 6800, totalFen: 13600 }])
    expect(t.stack.wxpay.pendingCallbacks()).toMatchObject([{ outRefundNo: `R${first}`, refundStatus: 'SUCCESS' }])
    await t.stack.wxpay.retryPending()
    expect(t.stack.wxpay.pendingCallbacks()).toEqual([])
    expect((await getDb().collection('refunds').doc(`R${first}`).get()).data[0]).toMatchObject({ status: 'succeeded', noticeAt: expect.any(Date) })
    // A refund-result callback for a refund WeChat never made is refused with its own code.
    expect(await notify({ returnCode: 'SUCCESS', outTradeNo: orderId, outRefundNo: 'r_forged', refundStatus: 'SUCCESS', refundFee: 6800 })).toEqual({ ok: false, code: 'REFUND_NOTICE_INVALID', message: '退款通知无效' })
  })

  it('a refund WeChat Pay answers with SYSTEMERROR stays 退款中 until a retry with the same number succeeds', async () => {
    const { orderId, prepay } = await prepaid('deal_latte', 1)
    await t.stack.wxpay.userPaid(prepay.data.package.slice('prepay_id='.length))
    const o = (await t.call('orders', { action: 'get', input: { id: orderId } }, buyer)).body.data
    t.stack.wxpay.failRefunds = true
    const r = await t.call('orders', { action: 'refund', input: { orderId, codes: [o.codes[0].code] } }, buyer)
    t.stack.wxpay.failRefunds = false
    expect(r.body.data.codes[0].state).toBe('refunding')
    const [doc] = (await getDb().collection('refunds').where({ orderId }).get()).data
    expect(doc).toMatchObject({ status: 'requested', lastError: '系统超时，请用相同参数再次调用' })
    await getDb().collection('codes').doc(o.codes[0].code).update({ refundRequestedAt: new Date(Date.now() - 120_000) })
    expect(await fireTimer(platformFunctions.timers, 'retryRefunds')).toMatchObject({ ok: true })
    expect((await getDb().collection('refunds').doc(doc._id).get()).data[0]).toMatchObject({ status: 'succeeded', attempts: 2 })
    expect((await getDb().collection('orders').doc(orderId).get()).data[0]).toMatchObject({ status: 'refunded', refundedFen: 1990 })
    // WeChat Pay refunded once: queried by order, it lists one refund.
    expect(t.stack.wxpay.handle('queryRefund', { sub_mch_id: '1900000109', out_trade_no: orderId })).toMatchObject({ result_code: 'SUCCESS', refund_count: 1, refund_fee_0: 1990 })
  })
})
