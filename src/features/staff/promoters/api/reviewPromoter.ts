import type { ShopPromoterView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** The owner approves or rejects a promoter for the shop; answers the promoter as the shop now sees them. */
export function reviewPromoter(shopId: string, promoterId: string, decision: 'approved' | 'rejected'): Promise<ShopPromoterView> {
  return callFunction('shops', 'reviewPromoter', { shopId, promoterId, decision })
}
