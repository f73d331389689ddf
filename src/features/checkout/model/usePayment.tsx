import Taro from '@tarojs/taro'
import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { OrderView, PayParams } from '@core/contracts/views'
import { confirmLocalPayment } from '@/shared/api'
import { toApiError } from '@/shared/api/errors'
import { prepay } from '../api/prepay'
import { waitUntilPaid } from './waitUntilPaid'

export type PayResult =
  /** The payment callback has arrived: the order is paid (or 拼团中). */
  | { kind: 'paid'; order: OrderView }
  /** The sheet said yes, the order has not moved yet (the order page shows the latest state). */
  | { kind: 'unconfirmed' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }

type LocalParams = Extract<PayParams, { provider: 'local' }>

/**
 * The simulated sheet exists only with the local gateway. The condition is a build constant, so production builds
 * drop this branch and never bundle the sheet (nor its styles).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const LocalPaySheet: typeof import('../components/LocalPaySheet').LocalPaySheet | null = TUANKA_BACKEND === 'gateway' ? require('../components/LocalPaySheet').LocalPaySheet : null
type WechatParams = Extract<PayParams, { provider: 'wechat' }>

/**
 * Paying an unpaid order: payments.prepay, then the sheet of the provider it names — WeChat Pay
 * (Taro.requestPayment) in production, the simulated 微信支付 sheet locally (its 确认支付 goes through
 * confirmLocalPayment, which makes the gateway deliver the signed payment callback) — then waits for the callback
 * to mark the order paid. Render `sheet` somewhere on the page. A refusal of prepay is thrown as an ApiError.
 *
 * The backend is a build constant (the same hook on every render): production builds keep only the WeChat Pay
 * path, without the local sheet's state and its confirm call (main-package bytes).
 */
export function usePayment(): { pay: (orderId: string) => Promise<PayResult>; sheet: ReactNode } {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  return TUANKA_BACKEND === 'gateway' ? useLocalPayment() : useWechatPayment()
}

function useWechatPayment(): { pay: (orderId: string) => Promise<PayResult>; sheet: ReactNode } {
  const pay = useCallback(async (orderId: string): Promise<PayResult> => {
    const params = await prepay(orderId)
    if (params.provider !== 'wechat') return { kind: 'failed', message: '支付暂不可用，请稍后再试' }
    const outcome = await requestWechatPayment(params)
    if (outcome === 'cancel') return { kind: 'cancelled' }
    if (outcome === 'fail') return { kind: 'failed', message: '支付没有完成，请重试' }
    const order = await waitUntilPaid(orderId)
    return order ? { kind: 'paid', order } : { kind: 'unconfirmed' }
  }, [])
  return { pay, sheet: null }
}

/** Local gateway builds (h5, weapp local): the simulated sheet, or WeChat Pay should the provider name it. */
function useLocalPayment(): { pay: (orderId: string) => Promise<PayResult>; sheet: ReactNode } {
  const [local, setLocal] = useState<LocalParams | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const resolver = useRef<((ok: boolean) => void) | null>(null)

  const finishLocal = useCallback((ok: boolean) => {
    const resolve = resolver.current
    resolver.current = null
    setLocal(null)
    setError(null)
    resolve?.(ok)
  }, [])

  const pay = useCallback(async (orderId: string): Promise<PayResult> => {
    const params = await prepay(orderId)
    if (params.provider === 'wechat') {
      const outcome = await requestWechatPayment(params)
      if (outcome === 'cancel') return { kind: 'cancelled' }
      if (outcome === 'fail') return { kind: 'failed', message: '支付没有完成，请重试' }
    } else {
      const ok = await new Promise<boolean>((resolve) => {
        resolver.current = resolve
        setError(null)
        setLocal(params)
      })
      if (!ok) return { kind: 'cancelled' }
    }
    const order = await waitUntilPaid(orderId)
    return order ? { kind: 'paid', order } : { kind: 'unconfirmed' }
  }, [])

  const confirm = useCallback(async () => {
    if (!local || busy) return
    setBusy(true)
    setError(null)
    try {
      await confirmLocalPayment(local.payToken)
      finishLocal(true)
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }, [local, busy, finishLocal])

  const sheet = LocalPaySheet && local ? (
    <LocalPaySheet
      amountFen={local.amountFen}
      description={local.description}
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => {
        if (!busy) finishLocal(false)
      }}
    />
  ) : null

  return { pay, sheet }
}

async function requestWechatPayment(p: WechatParams): Promise<'ok' | 'cancel' | 'fail'> {
  try {
    await Taro.requestPayment({ timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign })
    return 'ok'
  } catch (e) {
    const msg = e && typeof e === 'object' ? String((e as { errMsg?: unknown }).errMsg ?? '') : ''
    return /cancel/i.test(msg) ? 'cancel' : 'fail'
  }
}
