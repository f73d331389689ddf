import { reversalForRefund, unitLines } from '@core/commission/order-commission'
import { formatYuan } from '@core/money/format-yuan'
import { insertOnce } from '../../server/db'
import { notifyUser } from '../../server/notify'
import type { Db } from '../../server/platform/cloudbase'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { LEDGERS, LINES, PROMOTERS, SHOP_PROMOTERS, type LedgerDoc, type LineDoc, type PromoterDoc } from './collections'
import { funnelRefs, groupKeyOf } from './funnels'
import type { Attribution } from './public'

/**
 * The commission ledger's side of order events. Each is idempotent (deterministic ids, transactions that
 * re-read the line), so a replayed payment, redemption or refund changes nothing; the promoter's balances and
 * the share's funnel move in the same transaction as the line, so counters and lines never disagree.
 */
const lineId = (code: string) => `L${code}`

export interface PaidOrder {
  orderId: string
  promoter: Attribution | null
  commissionBps: number
  unitPriceFen: number
  codes: string[]
  dealId: string
  dealTitle: string
  shopId: string
  shopName: string
  /** The buyer's nickname as given at checkout (masked before it is stored here). */
  buyerMasked: string
  paidAt: number
  validEnd?: number
  now: number
}

/**
 * An order placed through a share: the funnel's "下单" step, counted once by the checkout that wrote the order
 * (a crash right after the write loses this one count; money is never derived from it).
 */
export async function onOrderPlaced(db: Db, a: Attribution, shopId: string): Promise<void> {
  const groupKey = a.groupId ? groupKeyOf(a.groupId) : null
  const _ = db.command
  await Promise.all(funnelRefs({ shareCode: a.shareCode, groupKey, shopId, promoter: a.promoter }).map(([coll, id]) => db.collection(coll).doc(id).update({ placed: _.inc(1) })))
}

/** The commission rate that applies: none where the shop's approval was required and missing. */
const effectiveBps = (o: PaidOrder) => (o.promoter && o.promoter.counts !== false ? o.commissionBps : 0)

/**
 * The order's ledger and one line per unit: plain idempotent writes, made before the order's codes exist, so
 * every refund or redemption of a unit finds its line and the ledger's live count. (Booked after the codes, a
 * refund that came before the booking reversed nothing, and the booking then counted the refunded unit.)
 */
export async function onOrderPaid(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.codes.length === 0) return
  const p = o.promoter
  const bps = effectiveBps(o)
  // Lines exist for every attributed unit, at 0 where no commission counts: the promoter still sees the order,
  // its units and what happened to each, and the funnel's redeemed count moves with them.
  const amounts = unitLines(o.unitPriceFen, o.codes.length, bps)
  const groupKey = p.groupId ? groupKeyOf(p.groupId) : null
  const at = new Date(o.now)
  const ledger: LedgerDoc = {
    _id: o.orderId, promoter: p.promoter, unitPriceFen: o.unitPriceFen, commissionBps: bps, live: o.codes.length, counted: false, createdAt: at,
    why: {
      dealTitle: o.dealTitle, shopId: o.shopId, shopName: o.shopName, buyerMasked: o.buyerMasked, units: o.codes.length, paidAt: new Date(o.paidAt),
      rule: p.rule, shareCode: p.shareCode, visitAt: p.visitAt ? new Date(p.visitAt) : null, windowDays: p.windowDays ?? 7, groupKey,
      commissionCounts: p.counts !== false,
    },
  }
  await insertOnce(db, LEDGERS, ledger)
  // Each line is its own idempotent insert: all at once.
  await Promise.all(o.codes.map(async (code, i) => {
    const line: LineDoc = {
      _id: lineId(code), orderId: o.orderId, code, promoter: p.promoter, shareCode: p.shareCode, dealId: o.dealId,
      dealTitle: o.dealTitle, shopId: o.shopId, amountFen: amounts[i], reversedFen: 0, status: 'pending', availableAt: null,
      groupKey, holdDays: p.holdDays ?? 0, ...(o.validEnd ? { validEnd: new Date(o.validEnd) } : {}), history: [{ status: 'pending', at }], createdAt: at,
    }
    await insertOnce(db, LINES, line)
  }))
}

/**
 * The order's totals on the promoter's balance and the share's funnel, once: the ledger's `counted` is the
 * guard. Every event moves these counters by deltas, so the totals may arrive after the order's first refunds
 * or redemptions (a retried notify) and still sum right.
 */
export async function countOrderCommission(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.codes.length === 0) return
  const p = o.promoter
  const _ = db.command
  await inTransaction(db, async (tx) => {
    const ledger = await txGet<LedgerDoc>(tx, LEDGERS, o.orderId)
    if (!ledger || ledger.counted !== false) return
    // The rate the ledger was booked with (0 when the shop's approval was missing), not the order's.
    const total = unitLines(o.unitPriceFen, o.codes.length, ledger.commissionBps).reduce((a, b) => a + b, 0)
    await txUpdate(tx, LEDGERS, o.orderId, { counted: true })
    if (total > 0) await txUpdate(tx, PROMOTERS, p.promoter, { pendingFen: _.inc(total) })
    const refs = funnelRefs({ shareCode: p.shareCode, groupKey: ledger.why?.groupKey, shopId: ledger.why?.shopId, promoter: p.promoter })
    for (const [coll, id] of refs) await txUpdate(tx, coll, id, { orders: _.inc(1), units: _.inc(o.codes.length), commissionFen: _.inc(total) })
  })
}

const DAY_MS = 24 * 3600 * 1000

export async function onUnitRedeemed(db: Db, e: { orderId: string; code: string; now: number }): Promise<void> {
  const _ = db.command
  const line = await inTransaction(db, async (tx) => {
    const l = await txGet<LineDoc>(tx, LINES, lineId(e.code))
    if (!l || l.status !== 'pending') return null
    const availableAt = new Date(e.now + (l.holdDays ?? 0) * DAY_MS)
    await txUpdate(tx, LINES, l._id, { status: 'settled', availableAt, history: _.push([{ status: 'settled', at: new Date(e.now) }]) })
    const balance: Record<string, unknown> = { pendingFen: _.inc(-l.amountFen), settledFen: _.inc(l.amountFen) }
    if (l.holdDays && l.amountFen > 0) {
      // The balance sums locked lines only while some may be locked: it needs the latest unlock time.
      const p = await txGet<PromoterDoc>(tx, PROMOTERS, l.promoter)
      if (!p?.lockedUntil || +p.lockedUntil < +availableAt) balance.lockedUntil = availableAt
    }
    await txUpdate(tx, PROMOTERS, l.promoter, balance)
    for (const [coll, id] of funnelRefs(l)) {
      await txUpdate(tx, coll, id, { redeemed: _.inc(1), ...(coll === SHOP_PROMOTERS ? { settledFen: _.inc(l.amountFen) } : {}) })
    }
    return l
  })
  if (!line || line.amountFen <= 0) return
  await notifyUser(db, `settled:${line._id}`, { to: line.promoter, kind: 'settled', title: '佣金已结算', body: `${line.dealTitle} ¥${formatYuan(line.amountFen)}`, page: '/promoter/center/index' }, e.now)
}

/** Takes back the drop in the order's commission (see core/commission), in one transaction with the live count. */
export async function onUnitRefunded(db: Db, e: { orderId: string; code: string; now: number }): Promise<void> {
  const _ = db.command
  await inTransaction(db, async (tx) => {
    const ledger = await txGet<LedgerDoc>(tx, LEDGERS, e.orderId)
    const line = await txGet<LineDoc>(tx, LINES, lineId(e.code))
    if (!ledger || !line || line.status === 'reversed') return
    const reversedFen = reversalForRefund(ledger.unitPriceFen, ledger.live, ledger.commissionBps)
    await txUpdate(tx, LINES, line._id, { status: 'reversed', reversedFen, history: _.push([{ status: 'reversed', at: new Date(e.now) }]) })
    await txUpdate(tx, LEDGERS, ledger._id, { live: _.inc(-1) })
    const from = line.status === 'pending' ? 'pendingFen' : 'settledFen'
    await txUpdate(tx, PROMOTERS, line.promoter, { [from]: _.inc(-line.amountFen), carryFen: _.inc(line.amountFen - reversedFen) })
    for (const [coll, id] of funnelRefs(line)) {
      await txUpdate(tx, coll, id, { commissionFen: _.inc(-reversedFen), ...(coll === SHOP_PROMOTERS && line.status === 'settled' ? { settledFen: _.inc(-line.amountFen) } : {}) })
    }
  })
}

/**
 * An undone redemption puts the line back to pending, unless the money was already withdrawn (the balance
 * would not cover it). With `check`, only answers whether that is allowed.
 */
export async function onRedemptionUndone(db: Db, e: { orderId: string; code: string; check: boolean; now: number }): Promise<boolean> {
  const line = (await db.collection(LINES).doc(lineId(e.code)).get()).data[0] as LineDoc | undefined
  if (!line || line.status !== 'settled') return true
  if (e.check) {
    const { balanceOf } = await import('./balance')
    const b = await balanceOf(db, line.promoter, e.now)
    const availableFromLine = line.availableAt && +line.availableAt <= e.now ? line.amountFen : 0
    return b.availableFen - availableFromLine >= 0
  }
  const _ = db.command
  await inTransaction(db, async (tx) => {
    const l = await txGet<LineDoc>(tx, LINES, line._id)
    if (!l || l.status !== 'settled') return
    await txUpdate(tx, LINES, l._id, { status: 'pending', availableAt: null, history: _.push([{ status: 'pending', at: new Date(e.now) }]) })
    await txUpdate(tx, PROMOTERS, l.promoter, { pendingFen: _.inc(l.amountFen), settledFen: _.inc(-l.amountFen) })
    for (const [coll, id] of funnelRefs(l)) {
      await txUpdate(tx, coll, id, { redeemed: _.inc(-1), ...(coll === SHOP_PROMOTERS ? { settledFen: _.inc(-l.amountFen) } : {}) })
    }
  })
  return true
}
