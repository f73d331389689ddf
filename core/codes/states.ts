import type { Transitions } from '../state-machine'

/**
 * One code per unit bought.
 * - unused -> redeemed (counter scan) -> unused again only by an undo within 10 minutes;
 * - unused -> refunding (claimed by a refund, so a racing redemption loses) -> refunded when the money is back.
 * Expired codes are refunded automatically, so "expired" is a reason on a refund, not a state of its own.
 */
export const CODE_STATES = ['unused', 'redeemed', 'refunding', 'refunded'] as const
export type CodeState = (typeof CODE_STATES)[number]

export const CODE_TRANSITIONS: Transitions<CodeState> = {
  unused: ['redeemed', 'refunding'],
  redeemed: ['unused'],
  refunding: ['refunded'],
  refunded: [],
}

export const CODE_STATE_LABELS: Record<CodeState, string> = {
  unused: '待使用',
  redeemed: '已核销',
  refunding: '退款中',
  refunded: '已退款',
}

export type RefundReason = 'buyer' | 'expired' | 'late_payment' | 'group_failed'
