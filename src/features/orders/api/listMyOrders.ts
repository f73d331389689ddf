import type { RawInput } from '@core/contracts'
import { callFunction } from '@/shared/api'

/** One page of the caller's orders, newest first. */
export function listMyOrders(input: RawInput<'orders', 'listMine'> = {}) {
  return callFunction('orders', 'listMine', input)
}
