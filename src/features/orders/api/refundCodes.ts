import type { OrderView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** 随时退: refunds unused codes of the caller's order; answers the refreshed order. */
export function refundCodes(orderId: string, codes: string[]): Promise<OrderView> {
  return callFunction('orders', 'refund', { orderId, codes })
}
