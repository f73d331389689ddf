import type { ShopBrief } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** The shop of an order (address, hours, phone) for the order page. */
export function getShop(id: string): Promise<ShopBrief> {
  return callFunction('shops', 'get', { id })
}
