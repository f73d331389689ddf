import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * 发货信息 (WeChat's shipping-info upload, 小程序发货信息管理服务). A mini-program that takes WeChat Pay must tell
 * WeChat it delivered every paid order, or the merchant's money stays frozen. A voucher is a virtual good
 * (logistics_type 3, delivery_mode 1 统一发货): it is delivered when its codes can be used.
 *
 * WeChat lets each payment be shipped once and re-shipped once ("重新发货", any second upload). So an upload whose
 * answer was lost (a crash, a timeout) is never simply repeated: the next attempt first asks WeChat's getOrder
 * whether the payment is already shipped.
 */

/**
 * due: waiting for its first attempt (set by the paid compare-and-set); sending: one attempt holds it until
 * `nextAt` (longer than any function may run); refused: WeChat said no, retried at `nextAt`; accepted: WeChat has
 * it; skipped: nothing to ship (every unit refunded first, or WeChat says the payment can no longer ship).
 */
export type ShippingState = 'due' | 'sending' | 'refused' | 'accepted' | 'skipped'

export interface ShippingRecord {
  state: ShippingState
  /** Attempts started so far; the compare-and-set that starts one names the previous count. */
  attempts: number
  /** Set while the previous attempt's outcome is unknown (it crashed or its answer was lost): ask before uploading. */
  uncertain: boolean
  /** Stable code of the last refusal (see refusalCode), null once accepted. */
  lastCode: string | null
  nextAt: Date
  acceptedAt: Date | null
  /** upload_time of the accepted upload (WeChat orders re-uploads by it). */
  uploadTime: string | null
  /** When WeChat confirmed the buyer's 确认收货 (weappOrderConfirm, checked with getOrder). */
  confirmedAt: Date | null
}

/** Longer than the longest function timeout (timers: 60 s), so an attempt still running can never be overtaken. */
export const SHIPPING_LEASE_MS = 3 * 60 * 1000

export function shippingDue(now: number): ShippingRecord {
  return { state: 'due', attempts: 0, uncertain: false, lastCode: null, nextAt: new Date(now), acceptedAt: null, uploadTime: null, confirmedAt: null }
}

/** Retry spacing after a refusal: 1, 2, 4 ... minutes, at most an hour (WeChat may not know a payment for a minute). */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, Math.min(attempts - 1, 6))) * 60_000
}

/** RFC 3339 in China time, e.g. 2026-11-23T14:00:00.000+08:00 — from `now` alone, never the machine's zone. */
export function rfc3339China(ms: number): string {
  return dayjs(ms).utcOffset(8 * 60).format('YYYY-MM-DDTHH:mm:ss.SSSZ')
}

export interface ShippingOrder {
  transactionId: string
  payerOpenid: string
  dealTitle: string
  qty: number
}

/** The body of wxa.sec.order.uploadShippingInfo for a voucher order (WeChat's field names, snake_case). */
export function shippingBody(o: ShippingOrder, now: number) {
  return {
    // order_number_type 2: by WeChat Pay's transaction id, which needs no merchant number (service-provider mode).
    order_key: { order_number_type: 2, transaction_id: o.transactionId },
    logistics_type: 3,
    delivery_mode: 1,
    shipping_list: [{ item_desc: `${o.dealTitle}*${o.qty}`.slice(0, 120) }],
    upload_time: rfc3339China(now),
    payer: { openid: o.payerOpenid },
  }
}

export type UploadShippingBody = ReturnType<typeof shippingBody>

/**
 * What a WeChat refusal means for the order: a stable code, and whether WeChat's own record must be read before the
 * next upload (it may already hold shipping info, and a second upload would use the one 重新发货). Codes from WeChat's
 * documents and developer community: 10060001 支付单不存在 (also for a minute or so after payment, before WeChat has
 * stored it), 10060003 支付单已使用重新发货机会, 10060004 支付单处于不可发货的状态 (refunded, or already shipped and
 * finished), 47001 data format error.
 */
export function refusalCode(errcode: number): { code: string; askFirst: boolean } {
  switch (errcode) {
    case 10060001:
      return { code: 'SHIPPING_PAYMENT_UNKNOWN', askFirst: false }
    case 10060003:
      return { code: 'SHIPPING_RESHIP_USED', askFirst: true }
    case 10060004:
      return { code: 'SHIPPING_NOT_SHIPPABLE', askFirst: true }
    case 47001:
      return { code: 'SHIPPING_BAD_REQUEST', askFirst: false }
    default:
      return { code: `SHIPPING_WX_${errcode}`, askFirst: false }
  }
}

/** getOrder's order_state 3 确认收货 and 4 交易完成: the buyer's receipt is confirmed at WeChat. */
export const receiptConfirmedState = (orderState: number) => orderState === 3 || orderState === 4

/** getOrder's order_state: 1 待发货, 2 已发货, 3 确认收货, 4 交易完成, 5 已退款 (6 seen in the wild, undocumented). */
export function shippedState(orderState: number): 'unshipped' | 'shipped' | 'refunded' {
  if (orderState === 1) return 'unshipped'
  if (orderState === 5) return 'refunded'
  return 'shipped'
}
