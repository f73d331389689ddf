import type { NotifyParse, PaymentGateway, RefundState, RefundStatus } from './types'

/**
 * Production WeChat Pay through cloudPay (wx-server-sdk, loaded only here and only in production: it is
 * heavy and not needed by any other function). Amounts are fen end to end. A callback is trusted only after
 * queryOrder confirms it with WeChat, so a forged event from a client call cannot mark an order paid.
 */
interface CloudPay {
  unifiedOrder(p: Record<string, unknown>): Promise<Record<string, any>>
  queryOrder(p: Record<string, unknown>): Promise<Record<string, any>>
  refund(p: Record<string, unknown>): Promise<Record<string, any>>
  queryRefund(p: Record<string, unknown>): Promise<Record<string, any>>
}

let cloudPay: CloudPay | undefined
function pay(): CloudPay {
  if (!cloudPay) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    cloudPay = cloud.cloudPay as CloudPay
  }
  return cloudPay
}

/** WeChat Pay v2 refund_status: REFUNDCLOSE (closed, nothing refunded) needs the merchant as much as CHANGE does. */
const REFUND_STATUS: Record<string, RefundStatus> = { PROCESSING: 'processing', SUCCESS: 'succeeded', CHANGE: 'abnormal', REFUNDCLOSE: 'abnormal' }

/** Fields a payment notification and queryOrder both carry; absent from the notification is no disagreement. */
const NOTICE_FIELDS = ['transactionId', 'totalFee', 'openid', 'subOpenid'] as const
const agrees = (said: unknown, known: unknown) =>
  said === undefined || ((typeof said === 'string' || typeof said === 'number') && String(said) === String(known))

const subMchId = () => process.env.TUANKA_SUB_MCH_ID ?? ''
const envId = () => process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? ''

export const wechatGateway: PaymentGateway = {
  async prepay(o) {
    const res = await pay().unifiedOrder({
      body: o.description.slice(0, 120),
      outTradeNo: o.orderId,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: o.amountFen,
      envId: envId(),
      functionName: 'payments',
      tradeType: 'JSAPI',
      // JSAPI needs the payer: sub_openid is the buyer under the mini-program's appid (service-provider mode). WeChat's
      // cloudPay examples leave it out; passing it does not depend on the platform inferring it from the caller.
      subOpenid: o.openid,
    })
    if (res.returnCode !== 'SUCCESS' || res.resultCode !== 'SUCCESS' || !res.payment) throw new Error(`unifiedOrder failed: ${res.returnMsg ?? res.errCodeDes ?? ''}`)
    // wx.requestPayment's parameters only (the payment object also names the appId, which the mini-program knows).
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = res.payment as Record<string, string>
    return { provider: 'wechat', timeStamp, nonceStr, package: pkg, signType: signType as 'MD5', paySign }
  },
  async parseNotification(event): Promise<NotifyParse> {
    const e = event as Record<string, unknown>
    if (e.returnCode !== 'SUCCESS' || e.resultCode !== 'SUCCESS') return { ok: false, reason: 'not a success' }
    const q = await pay().queryOrder({ subMchId: subMchId(), outTradeNo: String(e.outTradeNo) })
    // REFUND: paid, and refunded since (a late payment refunded at once; WeChat still retries its notification).
    if (q.returnCode !== 'SUCCESS' || (q.tradeState !== 'SUCCESS' && q.tradeState !== 'REFUND')) return { ok: false, reason: 'not confirmed by queryOrder' }
    // What the callback says must be what WeChat says: a genuine notification for another payment, altered, is not one.
    if (!NOTICE_FIELDS.every((k) => agrees(e[k], q[k]))) return { ok: false, reason: 'disagrees with queryOrder' }
    return {
      ok: true,
      event: {
        orderId: String(q.outTradeNo),
        transactionId: String(q.transactionId),
        amountFen: Number(q.totalFee),
        // sub_openid is the payer under the mini-program's appid; openid is under the service provider's.
        payerOpenid: typeof q.subOpenid === 'string' ? q.subOpenid : typeof q.openid === 'string' ? q.openid : null,
        paidAt: Date.now(),
      },
    }
  },
  async queryRefund(refundNo) {
    const q = await pay().queryRefund({ subMchId: subMchId(), outRefundNo: refundNo })
    // The SDK turns refund_status_0 into refundStatus_0 (its camelCase conversion leaves `_<digit>` alone).
    if (q.returnCode !== 'SUCCESS' || q.resultCode !== 'SUCCESS' || q.outRefundNo_0 !== refundNo) return null
    const status = REFUND_STATUS[String(q.refundStatus_0)]
    if (!status) return null
    return { refundNo, orderId: String(q.outTradeNo), refundFen: Number(q.refundFee_0), status }
  },
  async parseRefundNotice(event) {
    const e = event as Record<string, unknown>
    if (e.returnCode !== 'SUCCESS' || typeof e.outRefundNo !== 'string') return { ok: false, reason: 'malformed' }
    const q = await wechatGateway.queryRefund(e.outRefundNo)
    if (!q) return { ok: false, reason: 'no such refund at WeChat Pay' }
    // The notice must say what WeChat says now: a refund still processing (or one altered in transit) is not settled.
    const said: Partial<RefundState> = { orderId: e.outTradeNo as string, refundFen: e.refundFee as number, status: REFUND_STATUS[String(e.refundStatus)] }
    if (!agrees(said.orderId, q.orderId) || !agrees(said.refundFen, q.refundFen) || said.status !== q.status) return { ok: false, reason: 'disagrees with queryRefund' }
    if (q.status === 'processing') return { ok: false, reason: 'still processing' }
    return { ok: true, event: { ...q, status: q.status } }
  },
  async refund(r) {
    const res = await pay().refund({
      subMchId: subMchId(),
      outTradeNo: r.orderId,
      outRefundNo: r.refundNo,
      totalFee: r.totalFen,
      refundFee: r.refundFen,
      envId: envId(),
      functionName: 'payments',
    })
    return res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS' ? { ok: true } : { ok: false, reason: String(res.errCodeDes ?? res.returnMsg ?? 'refund failed') }
  },
}
