import type { ShopPromoterView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** Promoters who shared the shop's deals, pending approval first, with their funnels and commissions here. */
export function listShopPromoters(shopId: string): Promise<ShopPromoterView[]> {
  return callFunction('shops', 'promoters', { shopId })
}
