import { useCallback, useEffect, useRef, useState } from 'react'
import type { OrderSummary } from '@core/contracts/views'
import { ApiError, toApiError } from '@/shared/api/errors'
import { listMyOrders } from '../api/listMyOrders'

export interface MyOrdersState {
  data: OrderSummary[] | null
  error: ApiError | null
  loading: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  hasMore: boolean
  loadingMore: boolean
  moreError: ApiError | null
}

/** The caller's orders, newest first, page by page (errors of a next page go to `moreError`; the list stays). */
export function useMyOrders(pageSize = 20): MyOrdersState {
  const [items, setItems] = useState<OrderSummary[] | null>(null)
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
      const page = await listMyOrders({ limit: pageSize })
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
      const page = await listMyOrders({ limit: pageSize, cursor })
      if (!alive.current || mine !== seq.current) return
      setItems((prev) => {
        const seen = new Set((prev ?? []).map((o) => o.id))
        return [...(prev ?? []), ...page.items.filter((o) => !seen.has(o.id))]
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
