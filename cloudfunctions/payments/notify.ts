import type { Envelope } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { fail } from '../../server/runner'
import { applyPayment, getOrderDoc } from '../orders/public'
import { PAYMENTS } from './collections'
import { paymentGateway } from './gateway'
import { isRefundNotice, type NotifyParse } from './gateway/types'

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
  if (isRefundNotice(event)) return handleRefundNotify(event)
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
  const order = await getOrderDoc(ctx.db, ev.orderId)
  if (!order) return { errcode: 1, errmsg: 'ORDER_NOT_FOUND' }
  if (order.amountFen !== ev.amountFen) {
    console.error(`[payments.notify] amount mismatch on ${order._id}: order ${order.amountFen}, paid ${ev.amountFen}`)
    return { errcode: 1, errmsg: 'PAYMENT_AMOUNT_MISMATCH' }
  }
  try {
    checked(
      await ctx.db.collection(PAYMENTS).add({
        _id: ev.transactionId,
        orderId: ev.orderId,
        amountFen: ev.amountFen,
        payer: ev.payerOpenid,
        paidAt: new Date(ev.paidAt),
        createdAt: new Date(ctx.now()),
      }),
    )
    await audit(ctx, { entity: 'payment', entityId: ev.transactionId, orderId: ev.orderId, action: 'payment.received', detail: { amountFen: ev.amountFen } })
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  const outcome = await applyPayment(ctx, order, ev)
  return outcome === 'retry' ? { errcode: 1, errmsg: 'REFUND_FAILED' } : { errcode: 0 }
}

/**
 * WeChat Pay's refund-result callback. The refund's record already follows refund()'s own answer (and its retries
 * under the same refund number), so a notice the provider confirms is only acknowledged; one it does not confirm
 * came from someone else.
 */
async function handleRefundNotify(event: { outRefundNo: string }): Promise<NotifyReply | Envelope<never>> {
  try {
    return (await paymentGateway().confirmRefund(event.outRefundNo)) ? { errcode: 0 } : notFromPlatform()
  } catch (e) {
    console.error('[payments.notify] refund verification failed', e)
    return notFromPlatform()
  }
}
