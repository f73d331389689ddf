import type { CodeState, RefundReason } from '@core/codes/states'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { txGet, txUpdate, type Tx } from '../../server/tx'
import { CODES, type CodeDoc } from './collections'

/** What other contexts may ask the redemption context about codes. */

export { moveStaffShopInTx } from './staff'

export interface IssueFor {
  orderId: string
  dealId: string
  shopId: string
  buyer: string
  unitPriceFen: number
  validStart: Date
  validEnd: Date
  codes: string[]
  groupLocked: boolean
  /** Whether the order has commission lines (it was bought through a promoter): see CodeDoc.lined. */
  lined: boolean
}

/**
 * Makes sure a code document exists for every code fixed on the paid order. Safe to run any number of times,
 * concurrently: the codes were chosen once (in the order's paid compare-and-set), so a replay only fills gaps.
 * Returns the codes that collided with another order's code (astronomically rare; the caller re-draws them).
 */
export async function ensureCodes(db: Db, o: IssueFor, now: number): Promise<string[]> {
  const docs: CodeDoc[] = o.codes.map((code, index) => ({
    _id: code,
    orderId: o.orderId,
    dealId: o.dealId,
    shopId: o.shopId,
    buyer: o.buyer,
    index,
    unitPriceFen: o.unitPriceFen,
    status: 'unused',
    groupLocked: o.groupLocked,
    lined: o.lined,
    units: o.codes.length,
    validStart: o.validStart,
    validEnd: o.validEnd,
    createdAt: new Date(now),
    redeemedAt: null,
    redeemedBy: null,
    refundReason: null,
    refundRequestedAt: null,
    refundedAt: null,
  }))
  try {
    checked(await db.collection(CODES).add(docs))
    return []
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  // Some exist already (a replay, or a collision): settle them one by one.
  const collided: string[] = []
  for (const d of docs) {
    try {
      checked(await db.collection(CODES).add(d))
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      const existing = (await db.collection(CODES).doc(d._id).get()).data[0] as CodeDoc | undefined
      if (existing && existing.orderId !== o.orderId) collided.push(d._id)
    }
  }
  return collided
}

export async function codesOfOrder(db: Db, orderId: string): Promise<CodeDoc[]> {
  const res = await db.collection(CODES).where({ orderId }).orderBy('index', 'asc').limit(100).get()
  return res.data as CodeDoc[]
}

/** The states of the codes of several orders, by order, in one read (我的订单's counts; the detail reads codesOfOrder). */
export async function codeStatesOfOrders(db: Db, orderIds: readonly string[]): Promise<Map<string, CodeState[]>> {
  const out = new Map<string, CodeState[]>(orderIds.map((id) => [id, []]))
  if (orderIds.length === 0) return out
  const _ = db.command
  const res = await db.collection(CODES).where({ orderId: _.in([...orderIds]) }).field({ orderId: true, status: true }).limit(1000).get()
  for (const c of res.data as Pick<CodeDoc, 'orderId' | 'status'>[]) out.get(c.orderId)?.push(c.status)
  return out
}

/**
 * unused -> refunding: whoever wins this compare-and-set owns the refund; a racing redemption loses. `also`: more of
 * the same write (the move's audit event, server/audit auditInto).
 */
export async function claimForRefund(db: Db, code: string, orderId: string, reason: RefundReason, now: number, also: Record<string, unknown> = {}): Promise<boolean> {
  return (
    (await updatedCount(
      db.collection(CODES).where({ _id: code, orderId, status: 'unused' }).update({
        status: 'refunding',
        refundReason: reason,
        refundRequestedAt: new Date(now),
        ...also,
      }),
    )) === 1
  )
}

/**
 * refunding -> refunded inside the caller's transaction; null when the code was not refunding any more. `booked`:
 * whether the refund's bookkeeping (the commission reversal) is done in the same transaction; `also`: more of the
 * same write (the move's audit event).
 */
export async function markRefundedInTx(tx: Tx, code: string, now: number, booked = false, also: Record<string, unknown> = {}): Promise<CodeDoc | null> {
  const c = await txGet<CodeDoc>(tx, CODES, code)
  if (!c || c.status !== 'refunding') return null
  await txUpdate(tx, CODES, code, { status: 'refunded', refundedAt: new Date(now), booked, ...also })
  return c
}

/** The group succeeded: the order's codes become usable. */
export async function unlockOrderCodes(db: Db, orderId: string): Promise<void> {
  checked(await db.collection(CODES).where({ orderId, groupLocked: true }).update({ groupLocked: false }))
}

/** Unused codes whose validity has ended: the expiry timer refunds them. */
export async function expiredUnusedCodes(db: Db, now: number, limit: number): Promise<CodeDoc[]> {
  const _ = db.command
  const res = await db.collection(CODES).where({ status: 'unused', validEnd: _.lte(new Date(now)) }).limit(limit).get()
  return res.data as CodeDoc[]
}

/** Refunds that were claimed but not finished before `before` (crash, or the provider failed): retried by a timer. */
export async function stuckRefunds(db: Db, before: number, limit: number): Promise<CodeDoc[]> {
  const _ = db.command
  const res = await db.collection(CODES).where({ status: 'refunding', refundRequestedAt: _.lte(new Date(before)) }).limit(limit).get()
  return res.data as CodeDoc[]
}

/** Codes of a shop that reached `status` per China day of `dateField`: count and face value. */
export async function codesByDay(db: Db, shopId: string, status: 'redeemed' | 'refunded', from: number, to: number): Promise<Map<string, { n: number; valueFen: number }>> {
  const _ = db.command
  const dateField = status === 'redeemed' ? 'redeemedAt' : 'refundedAt'
  const res = await db
    .collection(CODES)
    .aggregate()
    .match({ shopId, status, [dateField]: _.gte(new Date(from)).and(_.lt(new Date(to))) })
    .group({ _id: { $dateToString: { format: '%Y-%m-%d', date: `$${dateField}`, timezone: '+08:00' } }, n: { $sum: 1 }, valueFen: { $sum: '$unitPriceFen' } })
    .end()
  return new Map((res.data as { _id: string; n: number; valueFen: number }[]).map((r) => [r._id, r]))
}

/** A code of a shop redeemed or refunded: its value, at the instant it was (the shop's money and export read this). */
export interface CodeFact {
  code: string
  orderId: string
  unitPriceFen: number
  at: number
}

/** Codes of a shop that were redeemed (or refunded) within [from, to), oldest first. */
export async function codesBetween(db: Db, shopId: string, status: 'redeemed' | 'refunded', from: number, to: number): Promise<CodeFact[]> {
  const _ = db.command
  const dateField = status === 'redeemed' ? 'redeemedAt' : 'refundedAt'
  const out: CodeFact[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = (
      await db
        .collection(CODES)
        .where({ shopId, status, [dateField]: _.gte(new Date(from)).and(_.lt(new Date(to))) })
        .orderBy(dateField, 'asc')
        .skip(skip)
        .limit(1000)
        .field({ _id: true, orderId: true, unitPriceFen: true, [dateField]: true })
        .get()
    ).data as (Pick<CodeDoc, '_id' | 'orderId' | 'unitPriceFen'> & Partial<Pick<CodeDoc, 'redeemedAt' | 'refundedAt'>>)[]
    out.push(...page.map((c) => ({ code: c._id, orderId: c.orderId, unitPriceFen: c.unitPriceFen, at: +(c[dateField] ?? 0) })))
    if (page.length < 1000) return out
  }
}

/** Unused codes whose validity ends within `withinMs`: the buyer is reminded once per order. */
export async function codesExpiringSoon(db: Db, now: number, withinMs: number, limit: number): Promise<CodeDoc[]> {
  const _ = db.command
  const res = await db.collection(CODES).where({ status: 'unused', validEnd: _.gt(new Date(now)).and(_.lte(new Date(now + withinMs))) }).limit(limit).get()
  return res.data as CodeDoc[]
}

/** Redemptions whose bookkeeping did not finish by `before`: the confirming call died half way. */
export async function unbookedRedemptions(db: Db, before: number, limit: number): Promise<CodeDoc[]> {
  const _ = db.command
  const res = await db.collection(CODES).where({ status: 'redeemed', booked: false, redeemedAt: _.lte(new Date(before)) }).limit(limit).get()
  return res.data as CodeDoc[]
}

/** Refunds whose bookkeeping (commission reversal, order state) did not finish by `before`. */
export async function unbookedRefunds(db: Db, before: number, limit: number): Promise<CodeDoc[]> {
  const _ = db.command
  const res = await db.collection(CODES).where({ status: 'refunded', booked: false, refundedAt: _.lte(new Date(before)) }).limit(limit).get()
  return res.data as CodeDoc[]
}

export async function markBooked(db: Db, codes: string[]): Promise<void> {
  const _ = db.command
  if (codes.length) checked(await db.collection(CODES).where({ _id: _.in(codes) }).update({ booked: true }))
}
