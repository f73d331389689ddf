/** The payments context owns `payments` (one per WeChat transaction) and `refunds` (one per refund number). */
export const PAYMENTS = 'payments'
export const REFUNDS = 'refunds'

export interface PaymentDoc {
  _id: string
  orderId: string
  amountFen: number
  payer: string | null
  paidAt: Date
  createdAt: Date
}

export interface RefundDoc {
  /** out_refund_no: a retry reuses it, so WeChat refunds at most once. */
  _id: string
  orderId: string
  totalFen: number
  refundFen: number
  status: 'requested' | 'succeeded'
  attempts: number
  lastError: string | null
  createdAt: Date
  succeededAt: Date | null
}
