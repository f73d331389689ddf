import type { PromoterPolicy, ShopBrief } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** The owner changes how the shop works with promoters (only the fields given); answers the shop. */
export function updatePromoterPolicy(shopId: string, promoterPolicy: Partial<PromoterPolicy>): Promise<ShopBrief> {
  return callFunction('shops', 'update', { shopId, promoterPolicy })
}
