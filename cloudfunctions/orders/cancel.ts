import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { closeUnpaidOrder } from './close-expired'
import { findOwnOrder } from './get'
import { loadOrderView } from './load-view'

/**
 * 取消订单, for an unpaid order only: the same close as the 15-minute timer. A closed order is already what the
 * buyer asked for (a retry, or the timer got there first); a paid one is refunded instead, never cancelled.
 */
export async function cancelOrder(ctx: Ctx, input: Input<'orders', 'cancel'>): Promise<Output<'orders', 'cancel'>> {
  const order = await findOwnOrder(ctx, input.orderId)
  if (order.status === 'pending_payment') await closeUnpaidOrder(ctx, order._id, () => true, 'buyer')
  // Re-read: a payment may have landed between the read and the close, and then the order stays paid.
  const now = await findOwnOrder(ctx, order._id)
  if (now.status !== 'closed') throw new AppError('ORDER_NOT_CANCELLABLE')
  return loadOrderView(ctx, now)
}
