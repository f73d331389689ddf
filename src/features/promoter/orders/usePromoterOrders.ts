import type { PromoterOrderView } from '@core/contracts/views'
import { usePagedList, type PagedList } from '@/shared/hooks/usePagedList'
import { listPromoterOrders } from '../api/listPromoterOrders'

export type PromoterOrdersState = PagedList<PromoterOrderView>

/** The orders attributed to the caller, newest first, page by page. */
export function usePromoterOrders(pageSize = 20): PromoterOrdersState {
  return usePagedList(listPromoterOrders, (o) => o.orderId, pageSize)
}
