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
 * WeChat Pay behind a small interface. Production: cloudPay (wx-server-sdk); local: a simulated provider
 * that still delivers its result through the same notify handler.
 */
export interface PaymentGateway {
  prepay(o: { orderId: string; amountFen: number; description: string; openid: string }): Promise<PayParams>
  /** Verifies a callback really comes from the provider and converts it into the product's event. */
  parseNotification(event: unknown): Promise<NotifyParse>
  /** Whether the provider confirms this refund succeeded (the refund-result callback is checked with it). */
  confirmRefund(refundNo: string): Promise<boolean>
  /** Idempotent by refundNo: asking again for the same refund never pays twice. */
  refund(r: { orderId: string; refundNo: string; totalFen: number; refundFen: number }): Promise<{ ok: boolean; reason?: string }>
}

/** WeChat Pay's refund-result callback (to the same function): it names the refund. */
export function isRefundNotice(event: unknown): event is { outRefundNo: string } {
  return !!event && typeof event === 'object' && typeof (event as Record<string, unknown>).outRefundNo === 'string'
}

/** A callback from WeChat Pay is recognisable by its shape: it carries no `action`. */
export function looksLikePayCallback(event: unknown): boolean {
  const e = event as Record<string, unknown> | null
  return !!e && typeof e === 'object' && !('action' in e) && typeof e.outTradeNo === 'string' && typeof e.returnCode === 'string'
}
