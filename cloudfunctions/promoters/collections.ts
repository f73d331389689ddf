import type { LineStatus } from '@core/contracts/views'

/** The promoters context owns these collections; other contexts use ./public.ts and ./hooks.ts. */
export const PROMOTERS = 'promoters'
export const SHARES = 'shares'
export const VISITS = 'share_visits'
export const BINDINGS = 'bindings'
export const LINES = 'commission_lines'
export const LEDGERS = 'commission_orders'
export const WITHDRAWALS = 'withdrawals'

export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 3600 * 1000
export const HOLD_DAYS = 0
export const MIN_WITHDRAW_FEN = 100

export interface ShareDoc {
  _id: string
  promoter: string
  dealId: string
  dealTitle: string
  channel: string
  createdAt: Date
  /** The share's funnel, kept by the events (visit, paid order, refund) so the centre never scans. */
  visits: number
  visitors: number
  orders: number
  units: number
  commissionFen: number
}

/** The promoter's balances, moved in the same transactions that move their lines. */
export interface PromoterDoc {
  _id: string
  openid: string
  name: string
  withdrawnFen: number
  pendingFen: number
  settledFen: number
  /** What reversed lines keep (a refund takes back the drop in the order's commission, see core/commission). */
  carryFen: number
  createdAt: Date
}

export const SHARE_VIEWERS = 'share_viewers'

export interface BindingDoc {
  /** `${dealId}:${viewer}`: one binding per viewer per deal; the last touch overwrites it. */
  _id: string
  dealId: string
  viewer: string
  promoter: string
  shareCode: string
  at: Date
}

export interface LineDoc {
  /** `${orderId}:${index}`: a replayed payment writes the same ids, so lines are booked once. */
  _id: string
  orderId: string
  code: string
  promoter: string
  shareCode: string | null
  dealId: string
  dealTitle: string
  shopId: string
  amountFen: number
  reversedFen: number
  status: LineStatus
  availableAt: Date | null
  history: { status: LineStatus; at: Date }[]
  createdAt: Date
}

/** Per-order ledger state: live units, so concurrent refunds of one order take back exactly the right fen. */
export interface LedgerDoc {
  _id: string
  promoter: string
  unitPriceFen: number
  commissionBps: number
  live: number
  /** false until the order's totals are on the promoter and the share (absent on ledgers booked in one step). */
  counted?: boolean
}

export interface WithdrawalDoc {
  _id: string
  promoter: string
  amountFen: number
  status: 'requested' | 'paid' | 'failed'
  createdAt: Date
  paidAt: Date | null
}
