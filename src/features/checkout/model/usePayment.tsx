import Taro from '@tarojs/taro'
import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { OrderView, PayParams } from '@core/contracts/views'
import { confirmLocalPayment, previewLocalPayment } from '@/shared/api'
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

/** The emulated sheet: WeChat Pay's `package` and what the emulator says it is for. */
type LocalParams = { package: string; amountFen: number; description: string }

/**
 * The simulated sheet exists only with the local gateway. The condition is a build constant, so production builds
 * drop this branch and never bundle the sheet (nor its styles).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const LocalPaySheet: typeof import('../components/LocalPaySheet').LocalPaySheet | null = TUANKA_BACKEND === 'gateway' ? require('../components/LocalPaySheet').LocalPaySheet : null
type WechatParams = PayParams

/**
 * Paying an unpaid order: payments.prepay (WeChat Pay's parameters), then WeChat Pay's sheet (Taro.requestPayment)
 * in production, or locally the emulated 微信支付 sheet, which shows what the emulator's prepay is for and whose
 * 确认支付 tells the emulator the buyer paid (it then calls payments back as WeChat does) — then waits for the
 * callback to mark the order paid. Render `sheet` somewhere on the page. A refusal of prepay is thrown as an ApiError.
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
    const outcome = await requestWechatPayment(params)
    if (outcome === 'cancel') return { kind: 'cancelled' }
    if (outcome === 'fail') return { kind: 'failed', message: '支付没有完成，请重试' }
    const order = await waitUntilPaid(orderId)
    return order ? { kind: 'paid', order } : { kind: 'unconfirmed' }
  }, [])
  return { pay, sheet: null }
}

/** Local gateway builds (h5, weapp local): the prepay is the emulator's, so only the emulated sheet can pay it. */
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
    const shown = await previewLocalPayment(params.package)
    const ok = await new Promise<boolean>((resolve) => {
      resolver.current = resolve
      setError(null)
      setLocal({ package: params.package, ...shown })
    })
    if (!ok) return { kind: 'cancelled' }
    const order = await waitUntilPaid(orderId)
    return order ? { kind: 'paid', order } : { kind: 'unconfirmed' }
  }, [])

  const confirm = useCallback(async () => {
    if (!local || busy) return
    setBusy(true)
    setError(null)
    try {
      await confirmLocalPayment(local.package)
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
