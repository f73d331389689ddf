import { randomBytes } from 'node:crypto'
import { callbackSigningText, localSign, readPayToken } from '../../cloudfunctions/payments/gateway/local'
import type { CloudFunctionMain } from '../gateway/functions'
import { scfContext } from '../gateway/scf-context'

/**
 * The local WeChat Pay: when the buyer confirms the simulated payment sheet, it does what WeChat does after a
 * successful payment — calls the `payments` function with a callback event of WeChat's shape (signed with the
 * local secret instead of WeChat's), through the very handler production uses.
 */
export function wechatShapedCallback(t: { orderId: string; amountFen: number; openid: string }, now = new Date()) {
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
    transactionId: `4200LOCAL${Date.now()}${randomBytes(4).toString('hex')}`,
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
  const event = wechatShapedCallback(t)
  const notify = await payments(event, scfContext('payments', null))
  return { ok: true, notify, event }
}
