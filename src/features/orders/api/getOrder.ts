import type { OrderView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** One of the caller's orders with its codes and timeline. */
export function getOrder(id: string): Promise<OrderView> {
  return callFunction('orders', 'get', { id })
}
