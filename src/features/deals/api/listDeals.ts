import type { DealCard } from '@core/contracts/views'
import type { RawInput } from '@core/contracts'
import type { DealCategory } from '@core/deals/categories'
import { callFunction } from '@/shared/api'
import { usePagedList, type PagedList } from '@/shared/hooks/usePagedList'

export type ListDealsInput = RawInput<'deals', 'list'>

/** One page of published deals in the feed order (core/deals/feed). */
export function listDeals(input: ListDealsInput = {}) {
  return callFunction('deals', 'list', input)
}

export type DealsState = PagedList<DealCard>

export interface DealFilters {
  shopId?: string
  /** A search as typed (the server cleans and cuts it). */
  q?: string
  category?: DealCategory
  near?: { lat: number; lng: number }
}

/** The deals of the home page (or of one shop), page by page; a change of filters starts over. */
export function useDeals(opts: DealFilters & { pageSize?: number } = {}): DealsState {
  const { pageSize = 20, ...filters } = opts
  const input: DealFilters = {}
  if (filters.shopId) input.shopId = filters.shopId
  if (filters.q) input.q = filters.q
  if (filters.category) input.category = filters.category
  if (filters.near) input.near = filters.near
  const key = JSON.stringify(input)
  return usePagedList((q) => listDeals({ ...q, ...input }), (d) => d.id, pageSize, key === '{}' ? '' : key)
}
