import { createHash } from 'node:crypto'
import type { PromoterPolicy, ShopPromoterView } from '@core/contracts/views'
import { approvalState, approvedBySwitch, attributionWindowMs, commissionCounts } from '@core/promoters/policy'
import { updatedCount } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { BINDINGS, PROMOTERS, SHARES, SHOP_PROMOTERS, type BindingDoc, type PromoterDoc, type ShareDoc, type ShopPromoterDoc } from './collections'
import { shopPromoterId, toFunnelCounts } from './funnels'

export { PROMOTERS }
export type { BindingDoc, ShareDoc }

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
  /** When the buyer opened the winning share (null when the order carried a code with no recorded visit). */
  visitAt?: number | null
  /** The WeChat group of the winning visit or of the checkout page. */
  groupId?: string | null
  windowDays?: number
  /** False when the shop requires approval and had not given it: the order is the promoter's, the commission 0. */
  counts?: boolean
  holdDays?: number
}

/**
 * Who gets the commission on an order, decided once at order creation and stored with the rule that chose:
 * the share code the order came with, else the viewer's last touch on this deal within the shop's window. A
 * buyer's own share earns only where the shop enables self-purchase commission; where the shop requires
 * approval, an unapproved promoter keeps the order (their funnel counts it) but earns nothing on it.
 */
/** Where the buyer's last touch on a deal is kept: a caller that reads it along with other documents passes it to attributeOrder. */
export const bindingRef = (dealId: string, buyer: string) => ({ from: BINDINGS, id: `${dealId}:${buyer}` })

/** Where a share code's share is kept: a caller that reads it along with other documents passes it to attributeOrder. */
export const shareRef = (shareCode: string) => ({ from: SHARES, id: shareCode })

/**
 * `o.binding` and `o.share`, when given (null: none), are the buyer's binding and the share of `o.shareCode` as the
 * caller already read them (bindingRef, shareRef), not read again.
 */
export async function attributeOrder(
  db: Db,
  o: { dealId: string; shopId: string; buyer: string; shareCode: string | null; groupId: string | null; now: number; policy: PromoterPolicy; binding?: BindingDoc | null; share?: ShareDoc | null },
): Promise<Attribution | null> {
  const [shareRes, bindingRes] = await Promise.all([
    !o.shareCode ? Promise.resolve({ data: [] }) : o.share !== undefined ? Promise.resolve({ data: o.share ? [o.share] : [] }) : db.collection(SHARES).doc(o.shareCode).get(),
    o.binding !== undefined ? Promise.resolve({ data: o.binding ? [o.binding] : [] }) : db.collection(BINDINGS).doc(`${o.dealId}:${o.buyer}`).get(),
  ])
  const share = (shareRes.data as ShareDoc[])[0]
  const binding = (bindingRes.data as BindingDoc[])[0]
  const mayEarn = (promoter: string) => promoter !== o.buyer || o.policy.selfPurchase
  let chosen: Omit<Attribution, 'counts'> | null = null
  const base = { windowDays: o.policy.attributionDays, holdDays: o.policy.holdDays }
  if (share && share.dealId === o.dealId && mayEarn(share.promoter)) {
    const sameVisit = binding && binding.shareCode === share._id
    chosen = { promoter: share.promoter, shareCode: share._id, rule: 'share_code', visitAt: sameVisit ? +binding.at : null, groupId: o.groupId ?? (sameVisit ? binding.groupId ?? null : null), ...base }
  } else if (binding && +binding.at >= o.now - attributionWindowMs(o.policy) && mayEarn(binding.promoter)) {
    chosen = { promoter: binding.promoter, shareCode: binding.shareCode, rule: 'last_touch', visitAt: +binding.at, groupId: binding.groupId ?? null, ...base }
  }
  if (!chosen) return null
  let decision: ShopPromoterDoc['decision'] = null
  if (o.policy.approvalRequired) {
    const sp = (await db.collection(SHOP_PROMOTERS).doc(shopPromoterId(o.shopId, chosen.promoter)).get()).data[0] as ShopPromoterDoc | undefined
    decision = sp?.decision ?? null
  }
  return { ...chosen, counts: commissionCounts(approvalState(o.policy, decision)) }
}

/** The promoters of a shop as the shop sees them: pending first, then by commission. */
export async function promotersOfShop(db: Db, shopId: string, policy: PromoterPolicy): Promise<ShopPromoterView[]> {
  const docs = (await db.collection(SHOP_PROMOTERS).where({ shopId }).orderBy('firstSeenAt', 'desc').limit(200).get()).data as ShopPromoterDoc[]
  const ids = docs.map((d) => d.promoter)
  const [names, placed] = await Promise.all([promoterNames(db, ids), placedAtShop(db, shopId, ids)])
  const rank = (v: ShopPromoterView) => (v.approval === 'pending' ? 0 : 1)
  return docs
    .map((d) => toShopPromoterView(d, policy, names.get(d.promoter) ?? '', placed.get(d.promoter) ?? 0))
    .sort((a, b) => rank(a) - rank(b) || b.commissionFen - a.commissionFen)
}

/** `placed`: the 下单 its shares counted for this shop (placedAtShop), over what the document itself counted before that. */
export function toShopPromoterView(d: ShopPromoterDoc, policy: PromoterPolicy, name: string, placed: number): ShopPromoterView {
  return {
    promoterId: d.promoter,
    name,
    approval: approvalState(policy, d.decision),
    firstSeenAt: +d.firstSeenAt,
    settledFen: d.settledFen ?? 0,
    ...toFunnelCounts(d),
    placed: (d.placed ?? 0) + placed,
  }
}

/** Per promoter, the 下单 their shares of this shop's deals counted for the shop (one grouped read over the promoter index). */
async function placedAtShop(db: Db, shopId: string, promoters: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(promoters)]
  if (unique.length === 0) return new Map()
  const $ = db.command.aggregate
  const res = await db.collection(SHARES).aggregate().match({ promoter: db.command.in(unique), shopId }).group({ _id: '$promoter', placed: $.sum('$placedAtShop') }).limit(1000).end()
  return new Map((res.data as { _id: string; placed: number }[]).map((r) => [r._id, r.placed ?? 0]))
}

/** The shop approves or rejects a promoter it knows (one who shared its deals); a stranger is PROMOTER_NOT_FOUND. */
export async function decidePromoter(db: Db, shopId: string, promoter: string, decision: 'approved' | 'rejected', now: number, policy: PromoterPolicy): Promise<ShopPromoterView | null> {
  const id = shopPromoterId(shopId, promoter)
  const moved = await updatedCount(db.collection(SHOP_PROMOTERS).where({ _id: id, shopId }).update({ decision, decidedAt: new Date(now) }))
  if (moved !== 1) return null
  const doc = (await db.collection(SHOP_PROMOTERS).doc(id).get()).data[0] as ShopPromoterDoc
  const [names, placed] = await Promise.all([promoterNames(db, [promoter]), placedAtShop(db, shopId, [promoter])])
  return toShopPromoterView(doc, policy, names.get(promoter) ?? '', placed.get(promoter) ?? 0)
}

/**
 * Turning approval on (core: approvalTurnsOn, approvedBySwitch): every promoter the shop knows and has not approved
 * is approved now, one compare-and-set each, so a decision made meanwhile is never overwritten. Answers who moved
 * and from what, for the audit.
 */
export async function approveKnownPromoters(db: Db, shopId: string, now: number): Promise<{ promoter: string; from: 'rejected' | null }[]> {
  const _ = db.command
  const known: Pick<ShopPromoterDoc, '_id' | 'promoter' | 'decision'>[] = []
  for (let after = ''; ; ) {
    const page = (await db.collection(SHOP_PROMOTERS).where({ shopId, _id: _.gt(after) }).orderBy('_id', 'asc').field({ promoter: true, decision: true }).limit(1000).get()).data as typeof known
    known.push(...page.filter((d) => approvedBySwitch(d.decision)))
    if (page.length < 1000) break
    after = page[page.length - 1]._id
  }
  const moved: { promoter: string; from: 'rejected' | null }[] = []
  for (let i = 0; i < known.length; i += 20) {
    await Promise.all(
      known.slice(i, i + 20).map(async (d) => {
        const n = await updatedCount(db.collection(SHOP_PROMOTERS).where({ _id: d._id, decision: d.decision ?? null }).update({ decision: 'approved', decidedAt: new Date(now) }))
        if (n === 1) moved.push({ promoter: d.promoter, from: d.decision === 'rejected' ? 'rejected' : null })
      }),
    )
  }
  return moved
}

async function promoterNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db.collection(PROMOTERS).where({ _id: db.command.in(unique) }).field({ name: true }).limit(1000).get()
  return new Map((res.data as PromoterDoc[]).map((p) => [p._id, p.name ?? '']))
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
export { reconcileWithdrawals } from './withdrawals'
