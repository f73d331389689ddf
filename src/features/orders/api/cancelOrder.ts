import type { OrderView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** 取消订单: closes the caller's unpaid order (a closed one answers as it is); answers the refreshed order. */
export function cancelOrder(orderId: string): Promise<OrderView> {
  return callFunction('orders', 'cancel', { orderId })
}
