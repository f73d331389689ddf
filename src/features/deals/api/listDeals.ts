import { useCallback, useEffect, useRef, useState } from 'react'
import type { DealCard } from '@core/contracts/views'
import type { RawInput } from '@core/contracts'
import { callFunction } from '@/shared/api'
import { ApiError, toApiError } from '@/shared/api/errors'

export type ListDealsInput = RawInput<'deals', 'list'>

/** One page of published deals, newest first. */
export function listDeals(input: ListDealsInput = {}) {
  return callFunction('deals', 'list', input)
}

export interface DealsState {
  data: DealCard[] | null
  error: ApiError | null
  loading: boolean
  reload: () => Promise<void>
  /** Next page (infinite scroll); errors of a next page go to `moreError`, the list stays. */
  loadMore: () => Promise<void>
  hasMore: boolean
  loadingMore: boolean
  moreError: ApiError | null
}

/** The deals of the home page (or of one shop), page by page. */
export function useDeals(opts: { shopId?: string; pageSize?: number } = {}): DealsState {
  const { shopId, pageSize = 20 } = opts
  const [items, setItems] = useState<DealCard[] | null>(null)
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
      const page = await listDeals({ limit: pageSize, ...(shopId ? { shopId } : {}) })
      if (!alive.current || mine !== seq.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (e) {
      if (alive.current && mine === seq.current) setError(toApiError(e))
    } finally {
      if (alive.current && mine === seq.current) setLoading(false)
    }
  }, [shopId, pageSize])

  const loadMore = useCallback(async () => {
    if (!cursor || busyMore.current || loading) return
    busyMore.current = true
    const mine = seq.current
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await listDeals({ limit: pageSize, cursor, ...(shopId ? { shopId } : {}) })
      if (!alive.current || mine !== seq.current) return
      setItems((prev) => {
        const seen = new Set((prev ?? []).map((d) => d.id))
        return [...(prev ?? []), ...page.items.filter((d) => !seen.has(d.id))]
      })
      setCursor(page.nextCursor)
    } catch (e) {
      if (alive.current && mine === seq.current) setMoreError(toApiError(e))
    } finally {
      busyMore.current = false
      if (alive.current) setLoadingMore(false)
    }
  }, [cursor, loading, shopId, pageSize])

  useEffect(() => {
    alive.current = true
    void reload()
    return () => {
      alive.current = false
    }
  }, [reload])

  return { data: items, error, loading, reload, loadMore, hasMore: cursor !== null, loadingMore, moreError }
}
