import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { WithdrawalView } from '@core/contracts/views'
import { toApiError } from '@/shared/api/errors'
import { confirmLocalTransfer } from '../api/confirmLocalTransfer'
import { getWithdrawal } from '../api/getWithdrawal'
import { ledgerYuan } from '../model/money'
import { requestMerchantTransfer } from './merchantTransfer'

/** The emulator's sheet: the transfer's package and the amount it shows. */
interface LocalTransfer {
  package: string
  amountFen: number
}

/**
 * The emulator's sheet exists only with the local gateway (the package is the local WeChat Pay emulator's, which
 * WeChat itself would not know). The condition is a build constant, so production builds drop this branch and
 * never bundle the sheet (as checkout does with its local payment sheet).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const LocalTransferSheet: typeof import('./LocalTransferSheet').LocalTransferSheet | null = TUANKA_BACKEND === 'gateway' ? require('./LocalTransferSheet').LocalTransferSheet : null

/** What the promoter reads after the confirmation step, and the withdrawal as the function last told it. */
export interface TransferOutcome {
  tone: 'ok' | 'wait' | 'error'
  message: string
  withdrawal: WithdrawalView | null
}

/** Look-ups after 确认收款: WeChat Pay's answer usually lands within a second or two. */
export const AFTER_CONFIRM_DELAYS_MS = [0, 700, 1500, 2500]

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Reads the withdrawal until it leaves 'requested' (or the delays run out); null when every look-up failed. */
export async function refreshWithdrawal(id: string, delays: readonly number[]): Promise<WithdrawalView | null> {
  let last: WithdrawalView | null = null
  for (const d of delays) {
    if (d > 0) await sleep(d)
    try {
      last = await getWithdrawal(id)
      if (last.status !== 'requested') return last
    } catch {
      // a lost answer: ask again
    }
  }
  return last
}

/** The outcome in words, from the refreshed withdrawal and what the promoter did on the sheet. */
export function describeOutcome(w: WithdrawalView | null, confirmed: boolean, amountFen: number): TransferOutcome {
  const amount = ledgerYuan(w?.amountFen ?? amountFen)
  if (w?.status === 'paid') return { tone: 'ok', message: `${amount} 已到账微信零钱`, withdrawal: w }
  if (w?.status === 'failed') {
    return { tone: 'error', message: `提现没有成功：${w.failReason ?? '转账未完成'}。${amount} 已退回可提现余额`, withdrawal: w }
  }
  if (confirmed) return { tone: 'wait', message: `已确认收款，微信支付正在处理 ${amount}，到账后提现记录会显示「已到账」`, withdrawal: w }
  return {
    tone: 'wait',
    message: `还没有确认收款。${amount} 会在提现记录里等你点「确认收款」；超时未确认，金额自动退回可提现余额`,
    withdrawal: w,
  }
}

/**
 * Confirming a withdrawal's merchant transfer (商家转账): WeChat's own 确认收款 page in production
 * (wx.requestMerchantTransfer), the emulator's sheet locally (its buttons go to the gateway's /local/transfer); then
 * promoters.withdrawal tells the state. Render `sheet` somewhere on the page.
 */
export function useTransfer(): { confirm: (w: WithdrawalView) => Promise<TransferOutcome>; sheet: ReactNode } {
  const [local, setLocal] = useState<LocalTransfer | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const resolver = useRef<((confirmed: boolean) => void) | null>(null)

  const finishLocal = useCallback((confirmed: boolean) => {
    const resolve = resolver.current
    resolver.current = null
    setLocal(null)
    setError(null)
    resolve?.(confirmed)
  }, [])

  const confirm = useCallback(async (w: WithdrawalView): Promise<TransferOutcome> => {
    const t = w.transfer
    if (w.status !== 'requested' || !t) {
      const fresh = w.status === 'requested' ? await refreshWithdrawal(w.id, [0]) : w
      return describeOutcome(fresh ?? w, true, w.amountFen)
    }
    if (TUANKA_BACKEND !== 'gateway' || !LocalTransferSheet) {
      const outcome = await requestMerchantTransfer(t)
      if (outcome === 'unsupported') {
        return { tone: 'error', message: '当前微信版本不能确认收款，请升级微信后，在提现记录里点「确认收款」', withdrawal: w }
      }
      if (outcome === 'fail') {
        const fresh = await refreshWithdrawal(w.id, [0])
        if (fresh && fresh.status !== 'requested') return describeOutcome(fresh, false, w.amountFen)
        return { tone: 'error', message: '没能打开确认收款页，请在提现记录里点「确认收款」重试', withdrawal: fresh ?? w }
      }
      const confirmed = outcome === 'ok'
      return describeOutcome(await refreshWithdrawal(w.id, confirmed ? AFTER_CONFIRM_DELAYS_MS : [0]), confirmed, w.amountFen)
    }
    const confirmed = await new Promise<boolean>((resolve) => {
      resolver.current = resolve
      setError(null)
      setLocal({ package: t.package, amountFen: w.amountFen })
    })
    return describeOutcome(await refreshWithdrawal(w.id, confirmed ? AFTER_CONFIRM_DELAYS_MS : [0]), confirmed, w.amountFen)
  }, [])

  const answer = useCallback(
    async (action: 'confirm' | 'cancel') => {
      if (!local || busy) return
      setBusy(true)
      setError(null)
      try {
        await confirmLocalTransfer(local.package, action)
        finishLocal(action === 'confirm')
      } catch (e) {
        if (action === 'cancel') finishLocal(false)
        else setError(toApiError(e).message)
      } finally {
        setBusy(false)
      }
    },
    [local, busy, finishLocal],
  )

  const sheet =
    LocalTransferSheet && local ? (
      <LocalTransferSheet amountFen={local.amountFen} busy={busy} error={error} onConfirm={() => void answer('confirm')} onCancel={() => void answer('cancel')} />
    ) : null

  return { confirm, sheet }
}
