import { createHash } from 'node:crypto'
import type { Db } from '../../server/platform/cloudbase'
import { ATTRIBUTION_WINDOW_MS, BINDINGS, PROMOTERS, SHARES, type BindingDoc, type ShareDoc } from './collections'

export { PROMOTERS }

export async function isPromoter(db: Db, openid: string): Promise<boolean> {
  const res = await db.collection(PROMOTERS).doc(openid).get()
  return (res.data as unknown[]).length > 0
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Deterministic per (promoter, deal, channel): sharing twice gives the same short code, without a look-up. */
export function shareCodeFor(promoter: string, dealId: string, channel: string): string {
  const salt = process.env.TUANKA_SHARE_SALT ?? 'tuanka'
  const bytes = createHash('sha256').update(`${salt}|${promoter}|${dealId}|${channel}`).digest()
  return 'S' + Array.from(bytes.subarray(0, 11), (b) => ALPHABET[b & 31]).join('')
}

export interface Attribution {
  promoter: string
  shareCode: string
  rule: 'share_code' | 'last_touch'
}

/**
 * Who gets the commission on an order, decided once at order creation and stored with the rule that chose:
 * the share code the order came with, else the viewer's last touch on this deal within 7 days. A buyer's own
 * share earns nothing (self-purchase commission is off).
 */
export async function attributeOrder(db: Db, o: { dealId: string; buyer: string; shareCode: string | null; now: number }): Promise<Attribution | null> {
  if (o.shareCode) {
    const share = (await db.collection(SHARES).doc(o.shareCode).get()).data[0] as ShareDoc | undefined
    if (share && share.dealId === o.dealId && share.promoter !== o.buyer) return { promoter: share.promoter, shareCode: share._id, rule: 'share_code' }
  }
  const binding = (await db.collection(BINDINGS).doc(`${o.dealId}:${o.buyer}`).get()).data[0] as BindingDoc | undefined
  if (binding && +binding.at >= o.now - ATTRIBUTION_WINDOW_MS && binding.promoter !== o.buyer) {
    return { promoter: binding.promoter, shareCode: binding.shareCode, rule: 'last_touch' }
  }
  return null
}

/** Commission lines booked on a shop's orders within [from, to), for the shop's settlement export. */
export async function shopCommissionLines(db: Db, shopId: string, from: number, to: number): Promise<{ orderId: string; code: string; amountFen: number; reversedFen: number; status: string; createdAt: Date }[]> {
  const _ = db.command
  const out: { orderId: string; code: string; amountFen: number; reversedFen: number; status: string; createdAt: Date }[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = (await db.collection('commission_lines').where({ shopId, createdAt: _.gte(new Date(from)).and(_.lt(new Date(to))) }).orderBy('createdAt', 'asc').skip(skip).limit(1000).get()).data as typeof out
    out.push(...page)
    if (page.length < 1000) return out
  }
}

/** Orders whose commission lines exist but whose totals were never counted (a notify that died in between). */
export async function uncountedLedgerOrders(db: Db, limit: number): Promise<string[]> {
  const res = await db.collection('commission_orders').where({ counted: false }).limit(limit).get()
  return (res.data as { _id: string }[]).map((l) => l._id)
}
