import type { ShopPromoterCounts, ShopPromoterView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/**
 * Promoters who shared the shop's deals, pending approval first, with their funnels and commissions here (staff
 * the owner keeps money from get no commission figures).
 */
export function listShopPromoters(shopId: string): Promise<ShopPromoterView[] | ShopPromoterCounts[]> {
  return callFunction('shops', 'promoters', { shopId })
}
