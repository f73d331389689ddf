import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

export const LIVE_REFRESH_MS = 15_000
/** A show right after a load (the page's first show) does not load again. */
const FRESH_MS = 2_000

// useDidHide exists on every Taro platform; the guard keeps environments without it (the jsdom Taro mock) working.
const useHide: (cb: () => void) => void = typeof useDidHide === 'function' ? useDidHide : () => undefined

/**
 * Live numbers while the page is on screen: `reload` again when the page is shown (coming back from another
 * page or from the background) and every `everyMs` while shown; nothing while hidden.
 * `loadedAt` is when the data last arrived (the page tells, so a show right after a load is not doubled).
 */
export function useLiveReload(reload: () => unknown, loadedAt: number | null, everyMs = LIVE_REFRESH_MS): void {
  const [shown, setShown] = useState(true)
  const reloadRef = useRef(reload)
  reloadRef.current = reload
  const loadedRef = useRef(loadedAt)
  loadedRef.current = loadedAt

  useDidShow(() => {
    setShown(true)
    if (loadedRef.current === null || Date.now() - loadedRef.current > FRESH_MS) void reloadRef.current()
  })
  useHide(() => setShown(false))

  useEffect(() => {
    if (!shown) return
    const t = setInterval(() => void reloadRef.current(), everyMs)
    return () => clearInterval(t)
  }, [shown, everyMs])
}
