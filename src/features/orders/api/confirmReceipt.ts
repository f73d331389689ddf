import type { OrderView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** Records the buyer's 确认收货 once WeChat confirms it (the function asks WeChat); answers the refreshed order. */
export function confirmReceipt(orderId: string): Promise<OrderView> {
  return callFunction('orders', 'confirmReceipt', { orderId })
}
