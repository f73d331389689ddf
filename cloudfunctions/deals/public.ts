import type { ErrorCode } from '@core/errors'
import { checked } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { txGet, txUpdate, type Tx } from '../../server/tx'
import { DEALS, GROUP_MEMBERS, groupCountField, groupCountOf, type DealDoc } from './collections'

/** What other contexts may ask the deals context: stock moves only through these conditional updates. */

export interface CheckoutHold {
  orderId: string
  buyer: string
  qty: number
  /** Which attempt took the units: the order records the token of the hold it was written with. */
  token: string
}

/**
 * Takes `qty` units for checkout `orderId` in one conditional update (published, in its sale window,
 * `stock >= qty`): concurrent buyers can never oversell. The same write leaves a hold naming the order on the
 * deal, so units taken by a checkout that dies before writing its order can be found and given back, and a
 * retry of the same checkout finds its hold instead of taking the units again. The hold stays after the order is
 * written, until the close timer clears it with others (orders/close-expired): one write for many, off the checkout.
 * A plain update (not updateAndReturn): the answer is only whether it took the units, never the deal and its holds.
 */
export async function takeStock(db: Db, dealId: string, hold: CheckoutHold, now: number): Promise<boolean> {
  const _ = db.command
  const res = checked(
    await db
      .collection(DEALS)
      .where({ _id: dealId, status: 'published', stock: _.gte(hold.qty), saleStart: _.lte(new Date(now)), saleEnd: _.gt(new Date(now)), groupStatus: _.neq('failed'), [`holds.${hold.orderId}`]: _.exists(false) })
      .update({ stock: _.inc(-hold.qty), sold: _.inc(hold.qty), [`holds.${hold.orderId}`]: { qty: hold.qty, buyer: hold.buyer, token: hold.token, at: new Date(now) }, holdCount: _.inc(1) }),
  ) as { updated: number }
  return res.updated === 1
}

/** What a checkout reads of a deal: what the order copies, what explains a refusal, and this checkout's own hold only. */
export type CheckoutDeal = Pick<
  DealDoc,
  '_id' | 'shopId' | 'title' | 'images' | 'priceFen' | 'perUserLimit' | 'commissionBps' | 'groupMin' | 'groupStatus' | 'validStart' | 'validEnd' | 'status' | 'stock' | 'saleStart' | 'saleEnd' | 'holds'
>
const CHECKOUT_FIELDS = ['shopId', 'title', 'images', 'priceFen', 'perUserLimit', 'commissionBps', 'groupMin', 'groupStatus', 'validStart', 'validEnd', 'status', 'stock', 'saleStart', 'saleEnd'] as const

/**
 * The deal for checkout `orderId`, without the other checkouts' holds (a hot deal carries many: they are not read),
 * and in the same trip one document of each of `also` (by id, from any collection: the checkout's own order when a
 * retry finds it written, the buyer's promoter binding; or by a field of the deal: its shop): one aggregate with
 * $lookups. No deal, nothing.
 */
export async function checkoutDeal<K extends string>(
  db: Db,
  dealId: string,
  orderId: string,
  also: Record<K, { from: string; id: string } | { from: string; localField: string }>,
): Promise<{ deal: CheckoutDeal | null; also: Record<K, unknown> }> {
  const $ = db.command.aggregate
  const project = Object.fromEntries([...CHECKOUT_FIELDS, `holds.${orderId}`].map((f) => [f, 1]))
  const keys = Object.keys(also) as K[]
  let q = db.collection(DEALS).aggregate().match({ _id: dealId }).project(project)
  for (const k of keys) {
    const a = also[k]
    // By id (uncorrelated), or by one of the deal's own fields (its shop: shopId -> _id).
    q = 'id' in a
      ? q.lookup({ from: a.from, as: `also_${k}`, pipeline: $.pipeline().match({ _id: a.id }).limit(1).done() })
      : q.lookup({ from: a.from, localField: a.localField, foreignField: '_id', as: `also_${k}` })
  }
  const row = ((await q.end()).data as Record<string, unknown>[])[0]
  const found = Object.fromEntries(keys.map((k) => [k, (row?.[`also_${k}`] as unknown[] | undefined)?.[0] ?? null])) as Record<K, unknown>
  if (!row) return { deal: null, also: found }
  const deal = Object.fromEntries(Object.entries(row).filter(([f]) => !f.startsWith('also_'))) as CheckoutDeal
  return { deal, also: found }
}

/** The order was written with this hold: the hold is done (its units now belong to the order). */
export async function clearHold(db: Db, dealId: string, orderId: string, token: string): Promise<void> {
  const _ = db.command
  checked(await db.collection(DEALS).where({ _id: dealId, [`holds.${orderId}.token`]: token }).update({ [`holds.${orderId}`]: _.remove(), holdCount: _.inc(-1) }))
}

/**
 * Clears, in one write, holds whose orders were written with them (the close timer, orders/close-expired). False when
 * any of them changed meanwhile: then nothing was cleared, and the caller clears them one at a time.
 */
export async function clearHolds(db: Db, dealId: string, holds: readonly { orderId: string; token: string }[]): Promise<boolean> {
  if (holds.length === 0) return true
  const _ = db.command
  const where: Record<string, unknown> = { _id: dealId }
  const update: Record<string, unknown> = { holdCount: _.inc(-holds.length) }
  for (const h of holds) {
    where[`holds.${h.orderId}.token`] = h.token
    update[`holds.${h.orderId}`] = _.remove()
  }
  const r = checked(await db.collection(DEALS).where(where).update(update)) as { updated: number }
  return r.updated === 1
}

/** Gives back the units of a hold no order was written with (refused, died, or a retry's extra), once. */
export async function releaseHold(db: Db, dealId: string, orderId: string, token: string, qty: number): Promise<boolean> {
  const _ = db.command
  const r = checked(
    await db.collection(DEALS).where({ _id: dealId, [`holds.${orderId}.token`]: token }).update({ stock: _.inc(qty), sold: _.inc(-qty), [`holds.${orderId}`]: _.remove(), holdCount: _.inc(-1) }),
  ) as { updated: number }
  return r.updated === 1
}

/** Holds taken before `before`: checkouts that should have finished long ago. */
export async function staleHolds(db: Db, before: number): Promise<(CheckoutHold & { dealId: string; at: number })[]> {
  const _ = db.command
  const deals = (await db.collection(DEALS).where({ holdCount: _.gt(0) }).limit(100).get()).data as DealDoc[]
  return deals.flatMap((d) =>
    Object.entries(d.holds ?? {})
      .filter(([, h]) => +h.at <= before)
      .map(([orderId, h]) => ({ dealId: d._id, orderId, buyer: h.buyer, qty: h.qty, token: h.token, at: +h.at })),
  )
}

/** Gives units back inside the transaction that closes or refunds them, so it happens exactly when that commits. */
export async function releaseStockInTx(tx: Tx, db: Db, dealId: string, qty: number): Promise<void> {
  const _ = db.command
  await txUpdate(tx, DEALS, dealId, { stock: _.inc(qty), sold: _.inc(-qty) })
}

export async function getDealDoc(db: Db, dealId: string): Promise<DealDoc | null> {
  const res = await db.collection(DEALS).doc(dealId).get()
  return ((res.data as DealDoc[])[0] as DealDoc | undefined) ?? null
}

/** Why a reservation failed, from the deal as read with it (only on the failure path; a read that ran ahead of the write can say "on sale": DEAL_NOT_ON_SALE, read again). */
export function whyNotReservable(deal: Pick<DealDoc, 'status' | 'groupStatus' | 'saleStart' | 'saleEnd' | 'stock'> | null, qty: number, now: number): ErrorCode {
  if (!deal || deal.status === 'draft') return 'DEAL_NOT_FOUND'
  if (deal.status === 'paused') return 'DEAL_PAUSED'
  if (deal.groupStatus === 'failed') return 'GROUP_FAILED'
  if (deal.status === 'ended' || now >= +deal.saleEnd) return 'SALE_ENDED'
  if (now < +deal.saleStart) return 'SALE_NOT_STARTED'
  if (deal.stock <= 0) return 'SOLD_OUT'
  if (deal.stock < qty) return 'INSUFFICIENT_STOCK'
  return 'DEAL_NOT_ON_SALE'
}

/**
 * Counts paid units (and the buyer, on their first live unit) of every order, grouped or not, inside the payment's
 * or the refund's transaction, so a replay cannot count twice and a buyer who refunds everything stops counting.
 * These counters are the deal's 已售, 接龙 and 已拼 (core/deals/counts).
 */
export async function addGroupUnitsInTx(tx: Tx, db: Db, dealId: string, buyer: string, units: number): Promise<void> {
  const buyers = await addBuyerUnitsInTx(tx, dealId, buyer, units)
  await addDealCountsInTx(tx, db, dealId, { units, buyers })
}

/** Moves one buyer's units of a deal (a document of their own, so payments of different buyers never meet); answers how the deal's buyer count moves. */
export async function addBuyerUnitsInTx(tx: Tx, dealId: string, buyer: string, units: number): Promise<number> {
  const id = `${dealId}:${buyer}`
  const before = (await txGet<{ units: number }>(tx, GROUP_MEMBERS, id))?.units ?? 0
  const after = Math.max(0, before + units)
  checked(await tx.collection(GROUP_MEMBERS).doc(id).set({ dealId, buyer, units: after }))
  return (before === 0 && after > 0 ? 1 : 0) - (before > 0 && after === 0 ? 1 : 0)
}

export async function addDealCountsInTx(tx: Tx, db: Db, dealId: string, d: { units: number; buyers: number }): Promise<void> {
  await txUpdate(tx, DEALS, dealId, { groupUnits: db.command.inc(d.units), ...(d.buyers !== 0 ? { groupBuyers: db.command.inc(d.buyers) } : {}) })
}

/** forming -> succeeded once the paid units reach the minimum; true when this call made the move. */
export async function markGroupSucceeded(db: Db, dealId: string, now: number): Promise<boolean> {
  const _ = db.command
  const doc = await getDealDoc(db, dealId)
  if (!doc || doc.groupStatus !== 'forming' || groupCountOf(doc) < doc.groupMin) return false
  const r = checked(await db.collection(DEALS).where({ _id: dealId, groupStatus: 'forming', [groupCountField(doc)]: _.gte(doc.groupMin) }).update({ groupStatus: 'succeeded', groupDecidedAt: new Date(now) })) as { updated: number }
  return r.updated === 1
}

/** Deals whose group deadline passed while still forming: decided now (succeeded if the units are there). */
export async function decideDueGroups(db: Db, now: number): Promise<{ succeeded: string[]; failed: string[] }> {
  const _ = db.command
  const due = (await db.collection(DEALS).where({ groupStatus: 'forming', groupDeadline: _.lte(new Date(now)) }).limit(100).get()).data as DealDoc[]
  const out = { succeeded: [] as string[], failed: [] as string[] }
  for (const d of due) {
    if (await markGroupSucceeded(db, d._id, now)) {
      out.succeeded.push(d._id)
      continue
    }
    const r = checked(await db.collection(DEALS).where({ _id: d._id, groupStatus: 'forming', [groupCountField(d)]: _.lt(d.groupMin) }).update({ groupStatus: 'failed', groupDecidedAt: new Date(now) })) as { updated: number }
    if (r.updated === 1) out.failed.push(d._id)
  }
  return out
}

export async function groupStatusOf(db: Db, dealIds: string[]): Promise<Map<string, DealDoc['groupStatus']>> {
  const _ = db.command
  if (!dealIds.length) return new Map()
  const res = await db.collection(DEALS).where({ _id: _.in([...new Set(dealIds)]) }).field({ groupStatus: true }).limit(1000).get()
  return new Map((res.data as DealDoc[]).map((d) => [d._id, d.groupStatus]))
}

/**
 * Sets a deal's 已售/接龙/已拼 counters and its buyers' to what the orders say (scripts/recount-deals.ts): for deals
 * sold before every payment moved them. Not for a live deal: a payment or refund between the read and this write is lost.
 */
export async function setDealCounts(db: Db, dealId: string, unitsByBuyer: ReadonlyMap<string, number>): Promise<{ units: number; buyers: number }> {
  const units = [...unitsByBuyer.values()].reduce((a, u) => a + u, 0)
  const buyers = [...unitsByBuyer.values()].filter((u) => u > 0).length
  for (const [buyer, u] of unitsByBuyer) checked(await db.collection(GROUP_MEMBERS).doc(`${dealId}:${buyer}`).set({ dealId, buyer, units: u }))
  checked(await db.collection(DEALS).doc(dealId).update({ groupUnits: units, groupBuyers: buyers }))
  return { units, buyers }
}

/** What a deal's live group card (动态消息, orders/group-card) shows: its group's status, count and minimum; null without a group. */
export async function groupCardFacts(db: Db, dealId: string): Promise<{ status: 'forming' | 'succeeded' | 'failed'; count: number; min: number } | null> {
  const d = await getDealDoc(db, dealId)
  if (!d || d.groupStatus === 'none' || !d.groupMin) return null
  return { status: d.groupStatus, count: groupCountOf(d), min: d.groupMin }
}
