import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, toApiError } from '@/shared/api/errors'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedList<T> {
  data: T[] | null
  error: ApiError | null
  loading: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  hasMore: boolean
  loadingMore: boolean
  moreError: ApiError | null
}

/**
 * A cursor-paged list, page by page: a next page's error goes to `moreError` and the list stays; items already
 * shown are not repeated (by `keyOf`) when the list moved between pages; an answer that arrives after a newer
 * reload, or after the page closed, is dropped.
 */
export function usePagedList<T>(
  fetchPage: (q: { limit: number; cursor?: string }) => Promise<Page<T>>,
  keyOf: (item: T) => string,
  pageSize = 20,
  /** When it changes (another shop, another filter), the list starts over. */
  resetKey = '',
): PagedList<T> {
  const [items, setItems] = useState<T[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<ApiError | null>(null)
  const seq = useRef(0)
  const alive = useRef(true)
  const busyMore = useRef(false)
  // The caller's functions may be new on every render: the latest ones are used, without reloading.
  const fns = useRef({ fetchPage, keyOf })
  fns.current = { fetchPage, keyOf }

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    try {
      const page = await fns.current.fetchPage({ limit: pageSize })
      if (!alive.current || mine !== seq.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (e) {
      if (alive.current && mine === seq.current) setError(toApiError(e))
    } finally {
      if (alive.current && mine === seq.current) setLoading(false)
    }
  }, [pageSize, resetKey])

  const loadMore = useCallback(async () => {
    if (!cursor || busyMore.current || loading) return
    busyMore.current = true
    const mine = seq.current
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await fns.current.fetchPage({ limit: pageSize, cursor })
      if (!alive.current || mine !== seq.current) return
      setItems((prev) => {
        const seen = new Set((prev ?? []).map(fns.current.keyOf))
        return [...(prev ?? []), ...page.items.filter((o) => !seen.has(fns.current.keyOf(o)))]
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
