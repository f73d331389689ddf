import type { Ctx } from '../../server/context'
import { getOrderDoc } from './public'
import { finishCodeRefund, refundNoFor, settleOrderState } from './refund-codes'

/**
 * WeChat Pay confirmed a refund that was still processing (its refund-result callback): the code's refund is booked
 * now (refunding -> refunded, stock and totals, at most once). A late payment's full refund (`L<order>`) is booked by
 * the payment callback's own retry.
 */
export async function bookSettledRefund(ctx: Ctx, orderId: string, refundNo: string): Promise<void> {
  if (!refundNo.startsWith(refundNoFor(''))) return
  const order = await getOrderDoc(ctx.db, orderId)
  if (!order) return
  if (await finishCodeRefund(ctx, order, refundNo.slice(refundNoFor('').length))) await settleOrderState(ctx, order._id)
}
