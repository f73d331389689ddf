import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, toApiError } from '../api/errors'

export interface Remote<T> {
  data: T | null
  error: ApiError | null
  /** True while a (re)load runs; `data` keeps the last good value meanwhile. */
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Runs `load` on mount and whenever `deps` change; `reload()` runs it again (retry button, pull-down refresh).
 * An answer that arrives after a newer request started, or after unmount, is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]): Remote<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true })
  const seq = useRef(0)
  const alive = useRef(true)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(async () => {
    const mine = ++seq.current
    setState((s) => ({ data: s.data, error: null, loading: true }))
    try {
      const data = await loadRef.current()
      if (alive.current && mine === seq.current) setState({ data, error: null, loading: false })
    } catch (e) {
      if (alive.current && mine === seq.current) setState((s) => ({ data: s.data, error: toApiError(e), loading: false }))
    }
  }, [])

  useEffect(() => {
    alive.current = true
    void run()
    return () => {
      alive.current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { ...state, reload: run }
}
