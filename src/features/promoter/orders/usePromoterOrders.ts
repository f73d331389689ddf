import { useCallback, useEffect, useRef, useState } from 'react'
import type { PromoterOrderView } from '@core/contracts/views'
import { ApiError, toApiError } from '@/shared/api/errors'
import { listPromoterOrders } from '../api/listPromoterOrders'

export interface PromoterOrdersState {
  data: PromoterOrderView[] | null
  error: ApiError | null
  loading: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  hasMore: boolean
  loadingMore: boolean
  moreError: ApiError | null
}

/** The orders attributed to the caller, newest first, page by page (a next page's error goes to `moreError`). */
export function usePromoterOrders(pageSize = 20): PromoterOrdersState {
  const [items, setItems] = useState<PromoterOrderView[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<ApiError | null>(null)
  const seq = useRef(0)
  const alive = useRef(true)
  const busyMore = useRef(false)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    try {
      const page = await listPromoterOrders({ limit: pageSize })
      if (!alive.current || mine !== seq.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (e) {
      if (alive.current && mine === seq.current) setError(toApiError(e))
    } finally {
      if (alive.current && mine === seq.current) setLoading(false)
    }
  }, [pageSize])

  const loadMore = useCallback(async () => {
    if (!cursor || busyMore.current || loading) return
    busyMore.current = true
    const mine = seq.current
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await listPromoterOrders({ limit: pageSize, cursor })
      if (!alive.current || mine !== seq.current) return
      setItems((prev) => {
        const seen = new Set((prev ?? []).map((o) => o.orderId))
        return [...(prev ?? []), ...page.items.filter((o) => !seen.has(o.orderId))]
      })
      setCursor(page.nextCursor)
    } catch (e) {
      if (alive.current && mine === seq.current) setMoreError(toApiError(e))
    } finally {
      busyMore.current = false
      if (alive.current) setLoadingMore(false)
    }
  }, [cursor, loading, pageSize])

  useEffect(() => {
    alive.current = true
    void reload()
    return () => {
      alive.current = false
    }
  }, [reload])

  return { data: items, error, loading, reload, loadMore, hasMore: cursor !== null, loadingMore, moreError }
}
