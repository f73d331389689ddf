import type { OrderSummary } from '@core/contracts/views'
import { usePagedList, type PagedList } from '@/shared/hooks/usePagedList'
import { listMyOrders } from '../api/listMyOrders'

export type MyOrdersState = PagedList<OrderSummary>

/** The caller's orders, newest first, page by page. */
export function useMyOrders(pageSize = 20): MyOrdersState {
  return usePagedList(listMyOrders, (o) => o.id, pageSize)
}
