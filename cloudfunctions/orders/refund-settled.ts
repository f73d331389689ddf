import type { Ctx } from '../../server/context'
import type { Db } from '../../server/platform/cloudbase'
import { codesOfOrder } from '../redemption/public'
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

/**
 * Whether `refundNo` is the refund of a code of `orderId` still refunding: one this product asked for whose record is
 * not written yet (a refund whose claim the call just won records it once WeChat answered; one that died before that
 * is recorded by retryRefunds), so a result notice that came first is asked again rather than dropped as unknown.
 */
export async function refundNotRecordedYet(db: Db, orderId: string, refundNo: string): Promise<boolean> {
  if (!refundNo.startsWith(refundNoFor(''))) return false
  const code = refundNo.slice(refundNoFor('').length)
  return (await codesOfOrder(db, orderId)).some((c) => c._id === code && c.status === 'refunding')
}
