import type { Input, Output } from '@core/contracts'
import { receiptConfirmedState } from '@core/orders/shipping'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { wechatShipping, type ShippingPlatform } from '../../server/platform/shipping'
import { ORDERS, type OrderDoc } from './collections'
import { loadOrderView } from './load-view'

/**
 * 确认收货: the buyer confirmed receipt in WeChat's own component (wx.openBusinessView weappOrderConfirm). The
 * component's answer reaches us through the client, so it is only a hint: WeChat's documents ask to check it with
 * getOrder (order_state 3 确认收货 / 4 交易完成) before recording it, once, on the order and its timeline.
 */
export async function confirmReceipt(ctx: Ctx, input: Input<'orders', 'confirmReceipt'>, platform: ShippingPlatform = wechatShipping): Promise<Output<'orders', 'confirmReceipt'>> {
  const buyer = requireUser(ctx)
  const order = (await ctx.db.collection(ORDERS).where({ _id: input.orderId, buyer }).limit(1).get()).data[0] as OrderDoc | undefined
  if (!order) throw new AppError('ORDER_NOT_FOUND')
  if (order.shipping?.state !== 'accepted' || !order.transactionId) throw new AppError('RECEIPT_NOT_CONFIRMED')
  if (order.shipping.confirmedAt) return loadOrderView(ctx, order)
  const q = await platform.getOrder(order.transactionId)
  if (!('orderState' in q) || !receiptConfirmedState(q.orderState)) throw new AppError('RECEIPT_NOT_CONFIRMED')
  const at = new Date(ctx.now())
  const first = await updatedCount(
    ctx.db.collection(ORDERS).where({ _id: order._id, 'shipping.state': 'accepted', 'shipping.confirmedAt': null }).update({ 'shipping.confirmedAt': at }),
  )
  if (first === 1) await audit(ctx, { entity: 'order', entityId: order._id, orderId: order._id, action: 'order.receipt_confirmed', detail: { orderState: q.orderState } })
  return loadOrderView(ctx, { ...order, shipping: { ...order.shipping, confirmedAt: at } })
}
