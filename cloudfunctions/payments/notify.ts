import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { applyPayment, getOrderDoc } from '../orders/public'
import { PAYMENTS } from './collections'
import { paymentGateway } from './gateway'

export type NotifyReply = { errcode: 0; errmsg?: string } | { errcode: 1; errmsg: string }

/**
 * WeChat Pay's callback. Converted at the edge into PaymentSucceeded, checked against the order, then
 * applied idempotently: duplicates arriving together produce one payment record and one set of codes.
 * Answers errcode 0 only after every write succeeded, so WeChat keeps retrying otherwise.
 */
export async function handlePayNotify(ctx: Ctx, event: unknown): Promise<NotifyReply> {
  const parsed = await paymentGateway().parseNotification(event)
  if (!parsed.ok) return { errcode: 1, errmsg: 'PAYMENT_INVALID' }
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
