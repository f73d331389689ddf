import type { CodeState, RefundReason } from '@core/codes/states'

/** The redemption context owns `codes`: one document per unit bought, its `_id` is the code itself. */
export const CODES = 'codes'
/**
 * One document per staff account: the shops it works at and its look-up counters of both windows, checked and held in
 * one write (./rate-limit); and the failed look-ups themselves.
 */
export const RATE_LIMITS = 'rate_limits'
export const VERIFY_ATTEMPTS = 'verify_attempts'

export interface CodeDoc {
  _id: string
  orderId: string
  dealId: string
  shopId: string
  buyer: string
  index: number
  unitPriceFen: number
  status: CodeState
  /** Issued for a group that has not succeeded yet: cannot be redeemed until it does. */
  groupLocked: boolean
  validStart: Date
  validEnd: Date
  createdAt: Date
  redeemedAt: Date | null
  redeemedBy: string | null
  /** The confirmation's idempotency key: a retry of the same confirmation is recognised, not refused. */
  redemptionKey?: string | null
  /** Whether the order has commission lines (absent on older codes: their line is looked up). Fixed at issue. */
  lined?: boolean
  /** Units of its order (absent on older codes). Fixed at issue. */
  units?: number
  /**
   * false from the redeeming (or refunding) write until its bookkeeping (commission, order state) is done; a redemption
   * whose transaction did it all (the order cannot be complete yet) is booked in that same write.
   */
  booked?: boolean
  refundReason: RefundReason | null
  refundRequestedAt: Date | null
  refundedAt: Date | null
  /** Audit events written with the code's own moves (server/audit auditInto); the order timeline reads them with audit_events. */
  events?: { at: Date; action: string }[]
}
