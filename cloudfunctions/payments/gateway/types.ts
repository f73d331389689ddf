import type { PayParams } from '@core/contracts/views'

/** The product's own payment event: what a provider callback means once verified at the edge. */
export interface PaymentSucceeded {
  orderId: string
  transactionId: string
  amountFen: number
  payerOpenid: string | null
  paidAt: number
}

export type NotifyParse = { ok: true; event: PaymentSucceeded } | { ok: false; reason: string }

/**
 * Where a refund is, as WeChat Pay says (queryRefund): processing, the money back (succeeded), or 退款异常 (abnormal:
 * WeChat's CHANGE, the buyer's card or balance refused it, or REFUNDCLOSE) — the merchant must act.
 */
export type RefundStatus = 'processing' | 'succeeded' | 'abnormal'

export interface RefundState {
  refundNo: string
  orderId: string
  refundFen: number
  status: RefundStatus
}

/** The product's own refund event: what a refund-result callback means once WeChat Pay confirmed it. */
export type RefundSettled = RefundState & { status: 'succeeded' | 'abnormal' }

export type RefundNoticeParse = { ok: true; event: RefundSettled } | { ok: false; reason: string }

/**
 * WeChat Pay behind a small interface: cloudPay (wx-server-sdk), in production and locally (against the emulator
 * behind the SDK's transport).
 */
export interface PaymentGateway {
  prepay(o: { orderId: string; amountFen: number; description: string; openid: string }): Promise<PayParams>
  /** Verifies a callback really comes from the provider and converts it into the product's event. */
  parseNotification(event: unknown): Promise<NotifyParse>
  /** Idempotent by refundNo: asking again for the same refund never pays twice. `ok` only means WeChat accepted it. */
  refund(r: { orderId: string; refundNo: string; totalFen: number; refundFen: number }): Promise<{ ok: boolean; reason?: string }>
  /** Where WeChat Pay says the refund is; null when it knows no such refund. */
  queryRefund(refundNo: string): Promise<RefundState | null>
  /** Verifies a refund-result callback with queryRefund and converts it into the product's event. */
  parseRefundNotice(event: unknown): Promise<RefundNoticeParse>
}

/** WeChat Pay's refund-result callback (to the same function, req_info decrypted by cloudPay): it names the refund. */
export function isRefundNotice(event: unknown): event is { outRefundNo: string } {
  return !!event && typeof event === 'object' && typeof (event as Record<string, unknown>).outRefundNo === 'string'
}

/** A callback from WeChat Pay is recognisable by its shape: it carries no `action`. */
export function looksLikePayCallback(event: unknown): boolean {
  const e = event as Record<string, unknown> | null
  return !!e && typeof e === 'object' && !('action' in e) && typeof e.outTradeNo === 'string' && typeof e.returnCode === 'string'
}
