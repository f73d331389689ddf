import type { DealCard } from '@core/contracts/views'
import type { RawInput } from '@core/contracts'
import { callFunction } from '@/shared/api'
import { usePagedList, type PagedList } from '@/shared/hooks/usePagedList'

export type ListDealsInput = RawInput<'deals', 'list'>

/** One page of published deals, newest first. */
export function listDeals(input: ListDealsInput = {}) {
  return callFunction('deals', 'list', input)
}

export type DealsState = PagedList<DealCard>

/** The deals of the home page (or of one shop), page by page. */
export function useDeals(opts: { shopId?: string; pageSize?: number } = {}): DealsState {
  const { shopId, pageSize = 20 } = opts
  return usePagedList((q) => listDeals({ ...q, ...(shopId ? { shopId } : {}) }), (d) => d.id, pageSize, shopId ?? '')
}
