import type { PromoterCenter, ShareResult } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export type ShareChannel = 'card' | 'poster' | 'link'

export interface WithdrawResult {
  id: string
  amountFen: number
  status: string
}

/** Become a promoter: free, one level only. */
export function joinPromoters(name: string): Promise<{ name: string }> {
  return callFunction('promoters', 'join', { name })
}

/** The caller's share code for a deal and channel (the same on every call). */
export function createShare(dealId: string, channel: ShareChannel): Promise<ShareResult> {
  return callFunction('promoters', 'share', { dealId, channel })
}

/** Balance, each share's funnel and the latest commission lines. */
export function getPromoterCenter(): Promise<PromoterCenter> {
  return callFunction('promoters', 'center', {})
}

export function withdraw(amountFen: number, idempotencyKey: string): Promise<WithdrawResult> {
  return callFunction('promoters', 'withdraw', { amountFen, idempotencyKey })
}
