import type { LineStatus } from '@core/contracts/views'

/** The promoters context owns these collections; other contexts use ./public.ts and ./hooks.ts. */
export const PROMOTERS = 'promoters'
export const SHARES = 'shares'
export const VISITS = 'share_visits'
export const BINDINGS = 'bindings'
export const LINES = 'commission_lines'
export const LEDGERS = 'commission_orders'
export const WITHDRAWALS = 'withdrawals'

export const SHOP_PROMOTERS = 'shop_promoters'
export const GROUP_FUNNELS = 'group_funnels'
export const POSTER_CODES = 'poster_codes'
export const MIN_WITHDRAW_FEN = 100

/** A funnel's counters, kept by the events (visit, paid order, redemption, refund) so readers never scan. */
export interface FunnelDoc {
  visits: number
  visitors: number
  placed: number
  orders: number
  units: number
  redeemed: number
  commissionFen: number
}

export const EMPTY_FUNNEL: FunnelDoc = { visits: 0, visitors: 0, placed: 0, orders: 0, units: 0, redeemed: 0, commissionFen: 0 }

/** A promoter at a shop (`${shopId}:${promoter}`): the shop's decision when it requires approval, and the funnel. */
export interface ShopPromoterDoc extends FunnelDoc {
  _id: string
  shopId: string
  promoter: string
  decision: 'approved' | 'rejected' | null
  decidedAt: Date | null
  settledFen: number
  firstSeenAt: Date
}

/** One share opened in one WeChat group (`${shareCode}:${groupKey}`). */
export interface GroupFunnelDoc extends FunnelDoc {
  _id: string
  shareCode: string
  promoter: string
  groupKey: string
  lastAt: Date
}

export interface ShareDoc {
  _id: string
  promoter: string
  dealId: string
  dealTitle: string
  channel: string
  /** Absent on shares made before shops had promoter settings. */
  shopId?: string
  createdAt: Date
  /** The share's funnel, kept by the events (visit, paid order, redemption, refund) so the centre never scans. */
  visits: number
  visitors: number
  orders: number
  units: number
  redeemed?: number
  commissionFen: number
  /** 下单 through this share per WeChat group (groupKey) and for its shop's promoter list, counted with `placed` (hooks.ts onOrderPlaced). */
  placed?: number
  placedIn?: Record<string, number>
  placedAtShop?: number
}

/** The promoter's balances, moved in the same transactions that move their lines. */
export interface PromoterDoc {
  _id: string
  openid: string
  name: string
  withdrawnFen: number
  pendingFen: number
  settledFen: number
  /**
   * What reversed lines keep. Refunds used to take back the drop in the order's commission, which could differ by
   * a fen from the line; now a reversal takes back exactly its line (core/commission), so only those older lines
   * carry anything.
   */
  carryFen: number
  /** Latest time a settled line stays locked (shop hold days): before it, the balance sums the locked lines. */
  lockedUntil?: Date
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
  /** The WeChat group of that visit (the platform's openGId), if it came from one. */
  groupId?: string | null
  at: Date
}

export interface LineDoc {
  /** `L${code}`: a replayed payment writes the same ids, so lines are booked once. */
  _id: string
  orderId: string
  code: string
  promoter: string
  shareCode: string | null
  dealId: string
  dealTitle: string
  shopId: string
  /** Units of the order (absent on older lines): a line alone in its order never moves with others. */
  orderUnits?: number
  /** The unit's share of the order's commission (core/commission): a pending line may move by a fen when another unit of the order is redeemed or refunded. */
  amountFen: number
  /** What the refund took back: the whole amount (on older lines, the drop in the order's commission). */
  reversedFen: number
  status: LineStatus
  /** Funnel keys the line's events move (absent on lines booked before group funnels). */
  groupKey?: string | null
  holdDays?: number
  /** The code's last valid moment (absent on older lines). */
  validEnd?: Date
  availableAt: Date | null
  history: { status: LineStatus; at: Date }[]
  createdAt: Date
}

/**
 * Per-order ledger: the rate and price the lines follow, and the count of live (pending + settled) units. Every event
 * of an order of several units writes it, so concurrent events of one order queue instead of both moving the
 * order's lines from the same reading.
 */
export interface LedgerDoc {
  _id: string
  promoter: string
  unitPriceFen: number
  commissionBps: number
  live: number
  /** The order's codes, in line order (absent on older ledgers: their lines are found by order). */
  codes?: string[]
  /** false until the order's totals are on the promoter and the share (absent on ledgers booked in one step). */
  counted?: boolean
  /** "Why this order is yours", fixed when the order was paid (absent on older ledgers). */
  why?: LedgerWhy
  createdAt?: Date
}

export interface LedgerWhy {
  dealTitle: string
  shopId: string
  shopName: string
  buyerMasked: string
  units: number
  paidAt: Date
  rule: 'share_code' | 'last_touch'
  shareCode: string
  visitAt: Date | null
  windowDays: number
  groupKey: string | null
  commissionCounts: boolean
}

export interface WithdrawalDoc {
  _id: string
  promoter: string
  amountFen: number
  status: 'requested' | 'paid' | 'failed'
  createdAt: Date
  paidAt: Date | null
}
