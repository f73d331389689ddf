import type { AuditRecord } from '../../server/audit'
import type { Attribution } from '../promoters/public'
import type { OrderState } from '@core/orders/states'
import type { ShippingRecord } from '@core/orders/shipping'

/** The orders context owns `orders` and `buyer_units` (units each buyer holds per deal, for the purchase limit). */
export const ORDERS = 'orders'
export const BUYER_UNITS = 'buyer_units'

export const PAY_WINDOW_MS = 15 * 60 * 1000

export interface OrderDoc {
  /** Derived from (buyer, idempotencyKey): a retried checkout lands on the same order. */
  _id: string
  buyer: string
  idempotencyKey: string
  dealId: string
  shopId: string
  dealTitle: string
  cover: string
  shopName: string
  qty: number
  unitPriceFen: number
  amountFen: number
  refundedFen: number
  /** Units whose refund is booked, moved with refundedFen in the refund transaction (absent on older orders). */
  refundedUnits?: number
  status: OrderState
  phone: string | null
  shareCode: string | null
  /** Who earns the commission and by which rule, fixed at creation so it can be explained later. */
  promoter: Attribution | null
  commissionBps: number
  /** Bought while the deal's group was forming: paid units wait in `grouping` until it is decided. */
  grouped: boolean
  groupId: string | null
  nickname: string | null
  validStart: Date
  validEnd: Date
  createdAt: Date
  payBefore: Date
  paidAt: Date | null
  transactionId: string | null
  /** Fixed in the same compare-and-set that marks the order paid, so duplicate notifies cannot issue twice. */
  codes: string[]
  /**
   * The deal's 已售/接龙 counters this payment still owes (set by the paid compare-and-set, cleared by the one
   * transaction that moves the deal): a payment never waits on the deal's hot document, and a crash or a conflict
   * in between leaves the debt here for the callback's retry. Absent on orders already counted.
   */
  dealCountDue?: { units: number; buyers: number } | null
  closedAt: Date | null
  updatedAt: Date
  /** Token of the stock hold this order was written with (see deals/public takeStock). */
  hold?: string | null
  /** Audit events written with the order itself rather than into audit_events (order.placed); the timeline reads both. */
  events?: AuditRecord[]
  /** 发货信息 to WeChat (orders/shipping.ts): set `due` by the paid compare-and-set. Absent on orders paid before it. */
  shipping?: ShippingRecord | null
}

export const buyerUnitsId = (dealId: string, buyer: string) => `${dealId}:${buyer}`
