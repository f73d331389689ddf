import type { RawInput } from '@core/contracts'
import type { DealAdminView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export type CreateDealInput = RawInput<'deals', 'create'>
export type UpdateDealInput = RawInput<'deals', 'update'>

export function listShopDeals(shopId: string): Promise<DealAdminView[]> {
  return callFunction('deals', 'listForShop', { shopId })
}

export function createDeal(input: CreateDealInput): Promise<DealAdminView> {
  return callFunction('deals', 'create', input)
}

export function updateDeal(input: UpdateDealInput): Promise<DealAdminView> {
  return callFunction('deals', 'update', input)
}

export function setDealStatus(id: string, to: 'published' | 'paused' | 'ended'): Promise<DealAdminView> {
  return callFunction('deals', 'setStatus', { id, to })
}

export function adjustStock(id: string, delta: number): Promise<DealAdminView> {
  return callFunction('deals', 'adjustStock', { id, delta })
}
