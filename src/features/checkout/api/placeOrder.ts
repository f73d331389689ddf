import type { OrderView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export interface PlaceOrderInput {
  dealId: string
  qty: number
  idempotencyKey: string
  nickname?: string
  phone?: string
  shareCode?: string
  /** The WeChat group the page was opened from, as its cloudID (src/shared/platform/groupEnter). */
  groupCloudID?: string
}

/** Places the order and reserves stock; the same idempotency key answers the first order again. */
export function placeOrder(input: PlaceOrderInput): Promise<OrderView> {
  return callFunction('orders', 'place', input)
}
