import { useDidHide, useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'

/**
 * Whether the page is the one on screen (a page under another in the stack, or behind the app going to the
 * background, is hidden): polling stops while hidden. `onReturn` runs when the page is shown again after being
 * hidden (not on its first show), e.g. to refresh what may have changed meanwhile.
 * Call it once per page: Taro keeps page events per page.
 */
export function usePageVisible(onReturn?: () => void): boolean {
  const [visible, setVisible] = useState(true)
  const wasHidden = useRef(false)
  const onReturnRef = useRef(onReturn)
  onReturnRef.current = onReturn
  useDidShow(() => {
    if (wasHidden.current) onReturnRef.current?.()
    wasHidden.current = false
    setVisible(true)
  })
  useDidHide(() => {
    wasHidden.current = true
    setVisible(false)
  })
  return visible
}
