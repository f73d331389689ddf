import { useCallback, useEffect, useRef, useState } from 'react'
import type { OrderView, ShopBrief } from '@core/contracts/views'
import { ApiError, toApiError } from '@/shared/api/errors'
import { getOrder } from '../api/getOrder'
import { getShop } from '../api/getShop'
import { readOrderCopy, saveOrderCopy } from './orderCache'

export interface OrderPageData {
  order: OrderView | null
  shop: ShopBrief | null
  /** Set when the order shown is the offline copy (the call failed with NETWORK): when it was saved. */
  offlineSavedAt: number | null
  error: ApiError | null
  loading: boolean
}

/**
 * The order page's data: orders.get (and the shop's card once), every good answer saved as the offline copy; when
 * the network is down, the saved copy instead (marked as such). `replace` takes a fresher view from an action
 * (refund, payment) without another round trip.
 */
export function useOrder(id: string | null) {
  const [state, setState] = useState<OrderPageData>({ order: null, shop: null, offlineSavedAt: null, error: null, loading: true })
  const seq = useRef(0)
  const alive = useRef(true)
  const shopRef = useRef<ShopBrief | null>(null)

  const remember = useCallback((view: OrderView, shop: ShopBrief | null) => {
    saveOrderCopy(view, shop)
  }, [])

  const loadShop = useCallback(
    async (view: OrderView) => {
      if (shopRef.current && shopRef.current.id === view.shopId) return
      try {
        const shop = await getShop(view.shopId)
        if (!alive.current) return
        shopRef.current = shop
        setState((s) => (s.order && s.order.id === view.id ? { ...s, shop } : s))
        remember(view, shop)
      } catch {
        // the shop card is a nicety: the order page stands without it
      }
    },
    [remember],
  )

  const reload = useCallback(async () => {
    const mine = ++seq.current
    if (!id) {
      setState({ order: null, shop: null, offlineSavedAt: null, error: new ApiError('ORDER_NOT_FOUND'), loading: false })
      return
    }
    setState((s) => ({ ...s, error: null, loading: true }))
    try {
      const view = await getOrder(id)
      if (!alive.current || mine !== seq.current) return
      setState({ order: view, shop: shopRef.current, offlineSavedAt: null, error: null, loading: false })
      remember(view, shopRef.current)
      void loadShop(view)
    } catch (e) {
      if (!alive.current || mine !== seq.current) return
      const err = toApiError(e)
      const copy = err.code === 'NETWORK' ? readOrderCopy(id) : null
      if (copy) {
        shopRef.current = shopRef.current ?? copy.shop
        setState({ order: copy.view, shop: shopRef.current, offlineSavedAt: copy.savedAt, error: err, loading: false })
      } else {
        setState((s) => ({ ...s, error: err, loading: false }))
      }
    }
  }, [id, remember, loadShop])

  const replace = useCallback(
    (view: OrderView) => {
      seq.current++
      setState({ order: view, shop: shopRef.current, offlineSavedAt: null, error: null, loading: false })
      remember(view, shopRef.current)
    },
    [remember],
  )

  useEffect(() => {
    alive.current = true
    void reload()
    return () => {
      alive.current = false
    }
  }, [reload])

  return { ...state, reload, replace }
}
