import type { PromoterOrderView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** One page of the orders attributed to the caller, newest first, each with why it is theirs. */
export function listPromoterOrders(input: { limit?: number; cursor?: string } = {}): Promise<{ items: PromoterOrderView[]; nextCursor: string | null }> {
  return callFunction('promoters', 'orders', input)
}
