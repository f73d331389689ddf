import type { AuditRecord } from '../../server/audit'

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
  /** Its audit event (payment.received), written with it (server/audit). */
  events?: AuditRecord[]
}

export interface RefundDoc {
  /** out_refund_no: a retry reuses it, so WeChat refunds at most once. */
  _id: string
  orderId: string
  totalFen: number
  refundFen: number
  /**
   * requested: not accepted by WeChat Pay yet (retried with the same number); processing: accepted, not settled;
   * succeeded: WeChat says the money is back (queryRefund or its confirmed callback, never the request's answer);
   * abnormal: 退款异常 (CHANGE / REFUNDCLOSE), the shop must act in WeChat Pay's merchant platform; re-queried by
   * the timer and on the shop's retry, so a refund fixed by hand is taken up.
   */
  status: 'requested' | 'processing' | 'succeeded' | 'abnormal'
  attempts: number
  lastError: string | null
  createdAt: Date
  succeededAt: Date | null
  abnormalAt?: Date | null
  /** When WeChat Pay's refund-result callback confirmed it (a later one is a replay). */
  noticeAt?: Date
}
