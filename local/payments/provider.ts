import { isErrorCode, type ErrorCode } from '../../core/errors'
import type { WxPayEmulator } from '../platform/wxpay'
import { httpStatusFor } from '../gateway/http-status'

/** What `POST /local/pay` answers: the payment, or the refusal with its own code and HTTP status. */
export type LocalPayAnswer =
  | { ok: true; paid: true; orderId: string; amountFen: number; transactionId: string }
  | { ok: false; status: number; code: ErrorCode }

/** What `GET /local/pay?package=…` answers: what WeChat's sheet shows before the buyer pays. */
export type LocalPayPreview = { ok: true; amountFen: number; description: string; orderId: string } | { ok: false; status: number; code: ErrorCode }

export const prepayIdOf = (pkg: unknown): string | undefined => (typeof pkg === 'string' ? /^prepay_id=([\w-]{1,64})$/.exec(pkg)?.[1] : undefined)

/**
 * The local payment sheet for WeChat Pay's own parameters (the `package` of wx.requestPayment): the emulator records
 * the payment and delivers its callback to the function unifiedOrder named (retrying on WeChat's schedule while the
 * answer is not errcode 0). A closed or expired prepay cannot be paid. The payments function answers a callback as
 * WeChat Pay expects (`{ errcode: 0 }` accepted; `{ errcode: 1, errmsg: <code> }` to be retried) or, for one it
 * does not vouch for, with an envelope: each becomes a success or a refusal carrying that code.
 */
export async function payPrepay(wxpay: WxPayEmulator, prepayId: string): Promise<LocalPayAnswer> {
  const r = await wxpay.userPaid(prepayId)
  if (!r.ok) return r.reason === 'PREPAY_NOT_FOUND' ? { ok: false, status: 400, code: 'PAYMENT_INVALID' } : { ok: false, status: httpStatusFor({ ok: false, code: 'ORDER_NOT_PAYABLE' }), code: 'ORDER_NOT_PAYABLE' }
  const reply = r.reply as { errcode?: unknown; errmsg?: unknown; ok?: unknown; code?: unknown } | null
  if (reply?.errcode === 0) return { ok: true, paid: true, orderId: r.outTradeNo, amountFen: r.totalFee, transactionId: r.transactionId }
  const said = reply?.errcode === 1 ? reply.errmsg : reply?.ok === false ? reply.code : undefined
  const code: ErrorCode = isErrorCode(said) ? said : 'INTERNAL'
  return { ok: false, status: httpStatusFor({ ok: false, code }), code }
}

export function previewPrepay(wxpay: WxPayEmulator, prepayId: string): LocalPayPreview {
  const p = wxpay.describePrepay(prepayId)
  if (!p) return { ok: false, status: 400, code: 'PAYMENT_INVALID' }
  if (!p.payable) return { ok: false, status: httpStatusFor({ ok: false, code: 'ORDER_NOT_PAYABLE' }), code: 'ORDER_NOT_PAYABLE' }
  return { ok: true, amountFen: p.totalFee, description: p.body, orderId: p.outTradeNo }
}
