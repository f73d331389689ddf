import { wxError, wxOk, type OpenApiCall, type OpenApiEmulator, type OpenApiHandlers } from '../registry'

/**
 * WeChat's 发货信息管理 (order_shipping) as the cloud call reaches it: wxa.sec.order.uploadShippingInfo and
 * wxa.sec.order.getOrder. Sources: WeChat's documents "发货信息录入" (api_uploadshippinginfo: fields, enums, "一个支付单
 * 只能更新一次发货信息"), "小程序发货信息管理服务" (order-shipping.html: a second upload is 重新发货, one per payment),
 * "查询订单发货状态" (api_getorder: order_state 1 待发货 2 已发货 3 确认收货 4 交易完成 5 已退款) and "小程序确认收货组件"
 * (weappOrderConfirm). The error codes are the ones WeChat's developer community shows: 10060001 支付单不存在 (also for a
 * while after payment), 10060003 支付单已使用重新发货机会, 10060004 支付单处于不可发货的状态, 47001 data format error.
 * Not learnt, so not emulated: the code for a payer that is not the payment's, for an upload_time not newer than the
 * last, and how long WeChat takes to know a payment (`knownAfterMs`, 0 unless a test sets it).
 */
export interface Upload {
  at: number
  uploadTime: string
  logisticsType: number
  itemDesc: string
}

export interface Shipment {
  transactionId: string
  outTradeNo: string
  payer: string
  uploads: Upload[]
  confirmedAt: number | null
}

/** A payment as WeChat Pay knows it (the stack links this to its WeChat Pay emulator). */
export interface KnownPayment {
  transactionId: string
  outTradeNo: string
  payer: string
  paidAt: number
  refunded: boolean
}

export interface ShippingDesk {
  shipments: Map<string, Shipment>
  lookup: (key: { transactionId?: string; outTradeNo?: string }) => KnownPayment | null
  /** Errcodes to answer to the next uploads instead of handling them (a platform refusal on demand). */
  refuseNext: number[]
  /** Accept the next N uploads but lose their answer (the caller sees a system error): a crash after WeChat accepted. */
  loseAnswers: number
  knownAfterMs: number
}

export const shippingDesk = (e: OpenApiEmulator): ShippingDesk =>
  e.state<ShippingDesk>('shipping', () => ({ shipments: new Map(), lookup: () => null, refuseNext: [], loseAnswers: 0, knownAfterMs: 0 }))

/** Every upload WeChat accepted (first shipping and 重新发货), per transaction id. */
export const acceptedUploads = (e: OpenApiEmulator) => new Map([...shippingDesk(e).shipments].map(([k, s]) => [k, s.uploads.length]))

/** What the buyer's 确认收货 (wx.openBusinessView weappOrderConfirm) does at WeChat. */
export function confirmReceipt(e: OpenApiEmulator, transactionId: string, now: number): boolean {
  const s = shippingDesk(e).shipments.get(transactionId)
  if (!s || s.uploads.length === 0 || s.confirmedAt !== null) return false
  s.confirmedAt = now
  return true
}

/** yyyyMMddHHmmss in China time (WeChat Pay's time_end) to ms. */
const fromTimeEnd = (t: string) =>
  Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14)) - 8 * 3600_000

/** Shipping and WeChat Pay are one WeChat: a payment is known here as WeChat Pay's queryOrder reports it. */
export function linkWxPay(
  e: OpenApiEmulator,
  wxpay: { handle(api: string, req: Record<string, unknown>): Record<string, unknown> },
  subMchId: () => string = () => process.env.TUANKA_SUB_MCH_ID ?? '',
): void {
  shippingDesk(e).lookup = (key) => {
    const r = wxpay.handle('queryOrder', { sub_mch_id: subMchId(), ...(key.transactionId ? { transaction_id: key.transactionId } : { out_trade_no: key.outTradeNo }) })
    if (r.result_code !== 'SUCCESS' || (r.trade_state !== 'SUCCESS' && r.trade_state !== 'REFUND')) return null
    return {
      transactionId: String(r.transaction_id),
      outTradeNo: String(r.out_trade_no),
      payer: String(r.sub_openid),
      paidAt: fromTimeEnd(String(r.time_end)),
      refunded: r.trade_state === 'REFUND',
    }
  }
}

const obj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const FORMAT = () => wxError(47001, 'data format error')

function paymentOf(call: OpenApiCall, key: { transactionId?: string; outTradeNo?: string }): KnownPayment | null {
  const desk = shippingDesk(call.emulator)
  const p = desk.lookup(key)
  return p && call.now - p.paidAt >= desk.knownAfterMs ? p : null
}

function orderKeyOf(k: unknown): { transactionId?: string; outTradeNo?: string } | null {
  if (!obj(k)) return null
  if (k.order_number_type === 2 && str(k.transaction_id)) return { transactionId: k.transaction_id }
  if (k.order_number_type === 1 && str(k.mchid) && str(k.out_trade_no)) return { outTradeNo: k.out_trade_no }
  return null
}

function upload(call: OpenApiCall) {
  const p = call.params
  const desk = shippingDesk(call.emulator)
  const key = orderKeyOf(p.order_key)
  const list = p.shipping_list
  if (!key || ![1, 2, 3, 4].includes(p.logistics_type as number) || ![1, 2].includes(p.delivery_mode as number)) return FORMAT()
  if (!Array.isArray(list) || list.length < 1 || list.length > 15 || (p.delivery_mode === 1 && list.length !== 1)) return FORMAT()
  for (const item of list) {
    if (!obj(item) || !str(item.item_desc) || item.item_desc.length > 120) return FORMAT()
    // Express delivery names its carrier and tracking number; virtual goods, local delivery and pick-up do not.
    if (p.logistics_type === 1 && (!str(item.tracking_no) || !str(item.express_company))) return FORMAT()
  }
  if (!str(p.upload_time) || !RFC3339.test(p.upload_time) || !obj(p.payer) || !str(p.payer.openid)) return FORMAT()
  const refusal = desk.refuseNext.shift()
  if (refusal !== undefined) return wxError(refusal, 'refused on demand (local)')
  const pay = paymentOf(call, key)
  if (!pay) return wxError(10060001, '支付单不存在')
  const s = desk.shipments.get(pay.transactionId) ?? { transactionId: pay.transactionId, outTradeNo: pay.outTradeNo, payer: pay.payer, uploads: [], confirmedAt: null }
  if (pay.refunded || s.confirmedAt !== null) return wxError(10060004, '支付单处于不可发货的状态')
  // The first upload ships; one more is 重新发货 (re-shipping), allowed once per payment.
  if (s.uploads.length >= 2) return wxError(10060003, '支付单已使用重新发货机会')
  s.uploads.push({ at: call.now, uploadTime: p.upload_time, logisticsType: p.logistics_type as number, itemDesc: String((list[0] as Record<string, unknown>).item_desc) })
  desk.shipments.set(pay.transactionId, s)
  if (desk.loseAnswers > 0) {
    desk.loseAnswers--
    throw new Error('answer lost (local fault)')
  }
  return wxOk()
}

function getOrder(call: OpenApiCall) {
  const p = call.params
  const key = str(p.transaction_id) ? { transactionId: p.transaction_id } : str(p.merchant_id) && str(p.merchant_trade_no) ? { outTradeNo: p.merchant_trade_no } : null
  if (!key) return FORMAT()
  const pay = paymentOf(call, key)
  if (!pay) return wxError(10060001, '支付单不存在')
  const s = shippingDesk(call.emulator).shipments.get(pay.transactionId)
  const state = pay.refunded ? 5 : s?.confirmedAt != null ? 3 : s?.uploads.length ? 2 : 1
  return wxOk({
    order: {
      transaction_id: pay.transactionId,
      merchant_trade_no: pay.outTradeNo,
      openid: pay.payer,
      pay_time: Math.floor(pay.paidAt / 1000),
      order_state: state,
      in_complaint: false,
      shipping: s?.uploads.length
        ? {
            delivery_mode: 1,
            logistics_type: s.uploads[s.uploads.length - 1].logisticsType,
            finish_shipping: true,
            finish_shipping_count: s.uploads.length,
            shipping_list: [{ goods_desc: s.uploads[s.uploads.length - 1].itemDesc, upload_time: Math.floor(s.uploads[s.uploads.length - 1].at / 1000) }],
          }
        : undefined,
    },
  })
}

export const handlers: OpenApiHandlers = {
  'wxa.sec.order.uploadShippingInfo': upload,
  'wxa.sec.order.getOrder': getOrder,
}
