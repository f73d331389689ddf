import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { NotifyParse, PaymentGateway } from './types'

/**
 * The local stand-in for WeChat Pay. Tokens and callbacks are signed with a per-process secret, so only the
 * local provider (local/payments) can produce a callback the notify handler accepts, as only WeChat can in
 * production. Refunds succeed unless TUANKA_LOCAL_REFUND_FAIL=1 (to exercise retries).
 */
const secret = () => (process.env.TUANKA_LOCAL_PAY_SECRET ||= randomBytes(16).toString('hex'))

export const localSign = (text: string) => createHmac('sha256', secret()).update(text).digest('hex')

function verify(text: string, sig: unknown): boolean {
  // Hex only: 64 characters of anything else are not 64 bytes, and timingSafeEqual throws on unequal lengths.
  if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) return false
  return timingSafeEqual(Buffer.from(localSign(text)), Buffer.from(sig))
}

const SIGNED = ['returnCode', 'resultCode', 'outTradeNo', 'transactionId', 'totalFee', 'openid', 'timeEnd'] as const

export const callbackSigningText = (e: Record<string, unknown>) => SIGNED.map((k) => String(e[k])).join('|')

export function readPayToken(token: string): { orderId: string; amountFen: number; openid: string } | null {
  const [body, sig] = token.split('.')
  if (!body || !verify(body, sig)) return null
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return null
  }
}

export const localGateway: PaymentGateway = {
  async prepay(o) {
    const body = Buffer.from(JSON.stringify({ orderId: o.orderId, amountFen: o.amountFen, openid: o.openid })).toString('base64url')
    return { provider: 'local', payToken: `${body}.${localSign(body)}`, amountFen: o.amountFen, description: o.description }
  },
  async parseNotification(event): Promise<NotifyParse> {
    const e = event as Record<string, unknown>
    // The provider signs strings and numbers; anything else (an object whose toString is not a function) is not its.
    if (!SIGNED.every((k) => ['string', 'number', 'undefined'].includes(typeof e[k]))) return { ok: false, reason: 'malformed' }
    if (!verify(callbackSigningText(e), e.sign)) return { ok: false, reason: 'bad signature' }
    if (e.returnCode !== 'SUCCESS' || e.resultCode !== 'SUCCESS') return { ok: false, reason: 'not a success' }
    return {
      ok: true,
      event: {
        orderId: String(e.outTradeNo),
        transactionId: String(e.transactionId),
        amountFen: Number(e.totalFee),
        payerOpenid: typeof e.openid === 'string' ? e.openid : null,
        paidAt: Date.now(),
      },
    }
  },
  async confirmRefund() {
    // The local provider sends no refund callbacks, so nothing is ever confirmed this way.
    return false
  },
  async refund() {
    if (process.env.TUANKA_LOCAL_REFUND_FAIL === '1') return { ok: false, reason: 'simulated provider failure' }
    return { ok: true }
  },
}
