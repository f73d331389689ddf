import { createHash, randomBytes } from 'node:crypto'
import { isErrorCode, type ErrorCode } from '../../core/errors'
import { callbackSigningText, localSign, readPayToken } from '../../cloudfunctions/payments/gateway/local'
import type { CloudFunctionMain } from '../gateway/functions'
import type { WxPayEmulator } from '../platform/wxpay'
import { httpStatusFor } from '../gateway/http-status'
import { scfContext } from '../gateway/scf-context'

/**
 * The local WeChat Pay: when the buyer confirms the simulated payment sheet, it does what WeChat does after a
 * successful payment — calls the `payments` function with a callback event of WeChat's shape (signed with the
 * local secret instead of WeChat's), through the very handler production uses.
 */
export function wechatShapedCallback(t: { orderId: string; amountFen: number; openid: string; transactionId?: string }, now = new Date()) {
  const pad = (n: number) => String(n).padStart(2, '0')
  const event: Record<string, unknown> = {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    appid: 'wx-local-appid',
    mchId: 'local-mch',
    subMchId: 'local-sub-mch',
    nonceStr: randomBytes(8).toString('hex'),
    openid: t.openid,
    isSubscribe: 'N',
    tradeType: 'JSAPI',
    bankType: 'OTHERS',
    totalFee: t.amountFen,
    feeType: 'CNY',
    cashFee: t.amountFen,
    transactionId: t.transactionId ?? `4200LOCAL${Date.now()}${randomBytes(4).toString('hex')}`,
    outTradeNo: t.orderId,
    timeEnd: `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`,
  }
  event.sign = localSign(callbackSigningText(event))
  return event
}

export type LocalPayResult = { ok: true; notify: unknown; event: Record<string, unknown> } | { ok: false; code: 'PAYMENT_INVALID' }

export async function confirmLocalPayment(payments: CloudFunctionMain, payToken: string): Promise<LocalPayResult> {
  const t = readPayToken(payToken)
  if (!t) return { ok: false, code: 'PAYMENT_INVALID' }
  // One pay token is one payment, as one prepay is in WeChat: confirming it again re-delivers the same transaction.
  const transactionId = `4200LOCAL${createHash('sha256').update(payToken).digest('hex').slice(0, 20)}`
  const event = wechatShapedCallback({ ...t, transactionId })
  const notify = await payments(event, scfContext('payments', null))
  return { ok: true, notify, event }
}

/** What `POST /local/pay` answers: the payment, or the refusal with its own code and HTTP status. */
export type LocalPayAnswer =
  | { ok: true; paid: true; orderId: string; amountFen: number; transactionId: string }
  | { ok: false; status: number; code: ErrorCode }

/**
 * The sheet's 确认支付 as the gateway answers it. The payments function answers a callback as WeChat Pay expects
 * (`{ errcode: 0 }` accepted; `{ errcode: 1, errmsg: <code> }` to be retried) or, for one it does not vouch for,
 * with an envelope: each becomes a success or a refusal carrying that code.
 */
export async function payFromSheet(payments: CloudFunctionMain, payToken: string): Promise<LocalPayAnswer> {
  const r = await confirmLocalPayment(payments, payToken)
  if (!r.ok) return { ok: false, status: 400, code: r.code }
  return sheetAnswer(r.notify, { orderId: String(r.event.outTradeNo), amountFen: Number(r.event.totalFee), transactionId: String(r.event.transactionId) })
}

/**
 * The sheet for WeChat Pay's own parameters: the emulator records the payment and delivers its callback to
 * `payments` (retrying on its own schedule when the answer is not errcode 0). A closed or expired prepay cannot be paid.
 */
export async function payPrepay(wxpay: WxPayEmulator, prepayId: string): Promise<LocalPayAnswer> {
  const r = await wxpay.userPaid(prepayId)
  if (!r.ok) return r.reason === 'PREPAY_NOT_FOUND' ? { ok: false, status: 400, code: 'PAYMENT_INVALID' } : { ok: false, status: httpStatusFor({ ok: false, code: 'ORDER_NOT_PAYABLE' }), code: 'ORDER_NOT_PAYABLE' }
  return sheetAnswer(r.reply, { orderId: r.outTradeNo, amountFen: r.totalFee, transactionId: r.transactionId })
}

function sheetAnswer(notify: unknown, paid: { orderId: string; amountFen: number; transactionId: string }): LocalPayAnswer {
  const reply = notify as { errcode?: unknown; errmsg?: unknown; ok?: unknown; code?: unknown } | null
  if (reply?.errcode === 0) return { ok: true, paid: true, ...paid }
  const said = reply?.errcode === 1 ? reply.errmsg : reply?.ok === false ? reply.code : undefined
  const code: ErrorCode = isErrorCode(said) ? said : 'INTERNAL'
  return { ok: false, status: httpStatusFor({ ok: false, code }), code }
}
