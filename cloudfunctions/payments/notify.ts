import type { Envelope } from '@core/result'
import { audit, auditRecord } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { insertOnce, updatedCount } from '../../server/db'
import { fail } from '../../server/runner'
import { applyPayment, bookSettledRefund, refundNotRecordedYet } from '../orders/public'
import { PAYMENTS, REFUNDS } from './collections'
import { paymentGateway } from './gateway'
import { isRefundNotice, type NotifyParse, type RefundNoticeParse } from './gateway/types'
import { getRefund, recordRefundStatus } from './public'

/** What WeChat Pay reads once a callback is verified as its own; anything but errcode 0 makes it retry. */
export type NotifyReply = { errcode: 0; errmsg?: string } | { errcode: 1; errmsg: string }

/** Only WeChat Pay may send payment notifications: the answer to anyone else (an envelope, 403 at the gateway). */
export const notFromPlatform = (): Envelope<never> => fail('FORBIDDEN', '只有微信支付可以发送支付通知')

/**
 * WeChat Pay's callback. Converted at the edge into PaymentSucceeded, checked against the order, then
 * applied idempotently: duplicates arriving together produce one payment record and one set of codes.
 * Answers errcode 0 only after every write succeeded, so WeChat keeps retrying otherwise. An event the
 * provider does not vouch for (bad signature locally, not confirmed by queryOrder in production) came from
 * someone else and gets an envelope, never an errcode; a genuine one refused that way is retried by WeChat.
 */
export async function handlePayNotify(ctx: Ctx, event: unknown): Promise<NotifyReply | Envelope<never>> {
  if (isRefundNotice(event)) return handleRefundNotify(ctx, event)
  let parsed: NotifyParse
  try {
    parsed = await paymentGateway().parseNotification(event)
  } catch (e) {
    // Verification could not finish (production: queryOrder failed): nothing is applied, and WeChat retries.
    console.error('[payments.notify] verification failed', e)
    return notFromPlatform()
  }
  if (!parsed.ok) return notFromPlatform()
  const ev = parsed.event
  // The payment record carries its own audit event (payment.received): one write, idempotent by WeChat's number.
  const record = () =>
    insertOnce(ctx.db, PAYMENTS, {
      _id: ev.transactionId,
      orderId: ev.orderId,
      amountFen: ev.amountFen,
      payer: ev.payerOpenid,
      paidAt: new Date(ev.paidAt),
      createdAt: new Date(ctx.now()),
      events: [auditRecord(ctx, { entity: 'payment', entityId: ev.transactionId, orderId: ev.orderId, action: 'payment.received', detail: { amountFen: ev.amountFen } })],
    }).then(() => undefined)
  const outcome = await applyPayment(ctx, ev, record)
  if (outcome === 'missing') return { errcode: 1, errmsg: 'ORDER_NOT_FOUND' }
  if (outcome === 'mismatch') return { errcode: 1, errmsg: 'PAYMENT_AMOUNT_MISMATCH' }
  return outcome === 'retry' ? { errcode: 1, errmsg: 'REFUND_FAILED' } : { errcode: 0 }
}

/** Refund-result callbacks answered with errcode 0 that changed nothing: WeChat stops retrying, the record tells why. */
export const REFUND_NOTICE_REPLAYED = 'REFUND_NOTICE_REPLAYED'

/**
 * WeChat Pay's refund-result callback (req_info decrypted by cloudPay). Trusted only as far as queryRefund confirms it
 * (gateway.parseRefundNotice), then mapped into the product's RefundSettled: a refund still processing becomes
 * succeeded (its code is booked refunded) or abnormal (退款异常, on the order's timeline; the shop must act). A notice
 * WeChat does not confirm gets REFUND_NOTICE_INVALID and an audit record, changing nothing else; one repeated after
 * its refund was settled and confirmed gets errcode 0 (REFUND_NOTICE_REPLAYED) and an audit record.
 */
async function handleRefundNotify(ctx: Ctx, event: { outRefundNo: string }): Promise<NotifyReply | Envelope<never>> {
  let parsed: RefundNoticeParse
  try {
    parsed = await paymentGateway().parseRefundNotice(event)
  } catch (e) {
    // queryRefund could not answer: nothing is applied, and WeChat retries.
    console.error('[payments.notify] refund verification failed', e)
    return { errcode: 1, errmsg: 'INTERNAL' }
  }
  if (!parsed.ok) {
    const refundNo = /^[\w-]{1,64}$/.test(event.outRefundNo) ? event.outRefundNo : '(malformed)'
    await audit(ctx, { entity: 'refund', entityId: refundNo, action: 'refund.notice_refused', detail: { reason: parsed.reason } })
    return fail('REFUND_NOTICE_INVALID')
  }
  const ev = parsed.event
  const refund = await getRefund(ctx.db, ev.refundNo)
  // Ours, but its record is written once WeChat answered the request, and this notice came first: WeChat asks again.
  if (!refund && (await refundNotRecordedYet(ctx.db, ev.orderId, ev.refundNo))) return { errcode: 1, errmsg: 'REFUND_NOT_RECORDED_YET' }
  if (!refund || refund.orderId !== ev.orderId) {
    // Genuine, but not a refund this product asked for (e.g. one made by hand in the merchant platform).
    await audit(ctx, { entity: 'refund', entityId: ev.refundNo, action: 'refund.notice_unknown', detail: { orderId: ev.orderId, status: ev.status } })
    return { errcode: 0, errmsg: 'REFUND_UNKNOWN' }
  }
  if (refund.status === ev.status || refund.status === 'succeeded') {
    // Settled already (by queryRefund right after the request, or an earlier notice): the first notice confirms it, later ones are replays.
    const first = await updatedCount(ctx.db.collection(REFUNDS).where({ _id: refund._id, noticeAt: ctx.db.command.exists(false) }).update({ noticeAt: new Date(ctx.now()) }))
    if (first === 1) return { errcode: 0 }
    await audit(ctx, { entity: 'refund', entityId: refund._id, orderId: refund.orderId, action: 'refund.notice_replayed', detail: { status: ev.status } })
    return { errcode: 0, errmsg: REFUND_NOTICE_REPLAYED }
  }
  await recordRefundStatus(ctx.db, refund, ev.status, ctx.now(), 'notice')
  if (ev.status === 'succeeded') {
    try {
      await bookSettledRefund(ctx, refund.orderId, refund._id)
    } catch (e) {
      // The money is back and recorded: retryRefunds books the code if this did not.
      console.error('[payments.notify] booking a settled refund failed', e)
    }
  }
  return { errcode: 0 }
}
