import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DealDetail } from '@core/contracts/views'
import { orderPath } from '@/features/orders/model/paths'
import { ApiError, toApiError } from '@/shared/api/errors'
import { formatDateTime } from '@/shared/format/time'
import { prefetchMessageTemplates, requestSubscribe } from '@/shared/subscribe'
import { placeOrder } from '../api/placeOrder'
import { checkPhone, cleanNickname } from './contact'
import { newIdempotencyKey } from './idempotencyKey'
import { clampQty, qtyBounds } from './quantity'
import { consentKinds } from './consentKinds'
import { usePayment } from './usePayment'

export type CheckoutStep = 'idle' | 'placing' | 'paying'

export interface CheckoutOptions {
  deal: DealDetail
  /** Promoter share code (`s`) the page was opened with: attribution rides on the order. */
  shareCode: string | null
  /** The WeChat group the page was opened from, as its cloudID (undefined while resolving: sent without). */
  groupCloudID: string | null | undefined
  /** Reloads the deal (stock, sale state) after a refusal or a purchase. */
  refresh: () => void
}

/** Codes after which the deal the page shows is stale (stock, limit, sale window, pause): it is reloaded. */
const STALE_DEAL = new Set(['SOLD_OUT', 'INSUFFICIENT_STOCK', 'OVER_LIMIT', 'SALE_NOT_STARTED', 'SALE_ENDED', 'DEAL_PAUSED', 'SHOP_PAUSED', 'DEAL_NOT_FOUND', 'DEAL_NOT_ON_SALE'])

/**
 * The checkout sheet's state and its one action, `submit`: orders.place → payments.prepay → the payment sheet →
 * wait for the payment callback → the order page.
 *
 * Idempotency: one key per checkout attempt, kept across every retry of that attempt (a network failure, a
 * cancelled payment, a second tap), so a retry answers the same order instead of reserving stock twice. An
 * attempt is a quantity for this deal: changing the quantity starts a new one (the server would refuse the old key
 * with a different quantity); a paid or closed order ends it.
 */
export function useCheckout({ deal, shareCode, groupCloudID, refresh }: CheckoutOptions) {
  const { max, bound } = qtyBounds(deal)
  const [open, setOpen] = useState(false)
  const [qty, setQtyRaw] = useState(1)
  const [nickname, setNickname] = useState('')
  const [phone, setPhone] = useState('')
  const [phoneError, setPhoneError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** Not an error: what happened and what can be done (a cancelled payment). */
  const [note, setNote] = useState<string | null>(null)
  const [step, setStep] = useState<CheckoutStep>('idle')
  /** An order exists for the current attempt and waits for payment (the button says 继续支付 for that quantity). */
  const [pendingOrder, setPendingOrder] = useState<{ id: string; qty: number } | null>(null)
  const attempt = useRef<{ key: string; qty: number } | null>(null)
  const alive = useRef(true)
  const { pay, sheet: paymentSheet } = usePayment()

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  // Stock or limit may shrink after a refresh: keep the quantity within bounds.
  const shown = clampQty(qty, max)

  const setQty = useCallback(
    (n: number) => {
      setQtyRaw(clampQty(n, max))
      setError(null)
      setNote(null)
    },
    [max],
  )

  const show = useCallback(() => {
    setError(null)
    setOpen(true)
    prefetchMessageTemplates() // so that the pay button's tap can open WeChat's consent dialog at once
  }, [])

  const close = useCallback(() => {
    if (step !== 'idle') return
    setOpen(false)
  }, [step])

  const refuse = useCallback(
    (e: unknown) => {
      const err = toApiError(e)
      if (!alive.current) return
      setError(err.message) // shown in the sheet, where the buyer is looking
      if (STALE_DEAL.has(err.code)) refresh()
      if (err.code === 'IDEMPOTENCY_CONFLICT' || err.code === 'ORDER_NOT_PAYABLE') {
        attempt.current = null
        setPendingOrder(null)
      }
    },
    [refresh],
  )

  const submit = useCallback(async () => {
    if (step !== 'idle' || shown < 1 || deal.saleState !== 'on_sale') return
    const contact = checkPhone(phone)
    if (contact.error) {
      setPhoneError(contact.error)
      return
    }
    setPhoneError(null)
    setError(null)
    setNote(null)
    // Subscribe-message consent, once per attempt (not again for 继续支付): asked here, still inside the tap and
    // before any await (WeChat opens the dialog only from a tap). It never blocks payment: it resolves (no
    // consent) on any failure, and only the payment sheet waits for the user's answer.
    const consent = !attempt.current || attempt.current.qty !== shown ? requestSubscribe(consentKinds(deal)) : null
    setStep('placing')
    try {
      if (!attempt.current || attempt.current.qty !== shown) {
        attempt.current = { key: await newIdempotencyKey(), qty: shown }
        setPendingOrder(null)
      }
      const nick = cleanNickname(nickname)
      const order = await placeOrder({
        dealId: deal.id,
        qty: shown,
        idempotencyKey: attempt.current.key,
        ...(nick ? { nickname: nick } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(shareCode ? { shareCode } : {}),
        ...(groupCloudID ? { groupCloudID } : {}),
      })
      if (order.state === 'closed' || order.state === 'refunded') {
        // The first order of this attempt timed out unpaid: the next tap starts a new one.
        attempt.current = null
        setPendingOrder(null)
        throw new ApiError('ORDER_NOT_PAYABLE')
      }
      if (order.state === 'pending_payment') {
        setPendingOrder({ id: order.id, qty: order.qty })
        if (consent) await consent // the consent dialog closes before the payment sheet opens
        if (alive.current) setStep('paying')
        const result = await pay(order.id)
        if (result.kind === 'cancelled') {
          if (alive.current) setNote(`支付已取消，订单保留到 ${formatDateTime(order.payBefore, order.serverTime)}，可继续支付`)
          return
        }
        if (result.kind === 'failed') {
          if (alive.current) setError(result.message)
          return
        }
        if (result.kind === 'unconfirmed') {
          void Taro.showToast({ title: '支付结果确认中，请稍后刷新订单', icon: 'none', duration: 2500 })
        }
      }
      // Paid (or already paid by an earlier try of this attempt): the attempt is over.
      attempt.current = null
      if (!alive.current) return
      setPendingOrder(null)
      setOpen(false)
      setQtyRaw(1)
      refresh()
      void Taro.navigateTo({ url: orderPath(order.id) })
    } catch (e) {
      refuse(e)
    } finally {
      if (alive.current) setStep('idle')
    }
  }, [step, shown, phone, nickname, deal, shareCode, groupCloudID, pay, refresh, refuse])

  return {
    open,
    show,
    close,
    qty: shown,
    max,
    bound,
    setQty,
    nickname,
    setNickname,
    phone,
    setPhone: (v: string) => {
      setPhone(v)
      setPhoneError(null)
    },
    phoneError,
    error,
    note,
    step,
    pendingOrder,
    submit,
    paymentSheet,
  }
}

export type Checkout = ReturnType<typeof useCheckout>
