import { reversalForRefund, unitLines } from '@core/commission/order-commission'
import { formatYuan } from '@core/money/format-yuan'
import { checked, isDuplicateKey } from '../../server/db'
import { notifyUser } from '../../server/notify'
import type { Db } from '../../server/platform/cloudbase'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { HOLD_DAYS, LEDGERS, LINES, PROMOTERS, SHARES, type LedgerDoc, type LineDoc } from './collections'
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
  now: number
}

/**
 * The order's ledger and one line per unit: plain idempotent writes, made before the order's codes exist, so
 * every refund or redemption of a unit finds its line and the ledger's live count. (Booked after the codes, a
 * refund that came before the booking reversed nothing, and the booking then counted the refunded unit.)
 */
export async function onOrderPaid(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.commissionBps <= 0 || o.codes.length === 0) return
  const p = o.promoter
  const amounts = unitLines(o.unitPriceFen, o.codes.length, o.commissionBps)
  const ledger: LedgerDoc = { _id: o.orderId, promoter: p.promoter, unitPriceFen: o.unitPriceFen, commissionBps: o.commissionBps, live: o.codes.length, counted: false }
  try {
    checked(await db.collection(LEDGERS).add(ledger))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  const at = new Date(o.now)
  for (const [i, code] of o.codes.entries()) {
    const line: LineDoc = {
      _id: lineId(code), orderId: o.orderId, code, promoter: p.promoter, shareCode: p.shareCode, dealId: o.dealId,
      dealTitle: o.dealTitle, shopId: o.shopId, amountFen: amounts[i], reversedFen: 0, status: 'pending', availableAt: null,
      history: [{ status: 'pending', at }], createdAt: at,
    }
    try {
      checked(await db.collection(LINES).add(line))
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
    }
  }
}

/**
 * The order's totals on the promoter's balance and the share's funnel, once: the ledger's `counted` is the
 * guard. Every event moves these counters by deltas, so the totals may arrive after the order's first refunds
 * or redemptions (a retried notify) and still sum right.
 */
export async function countOrderCommission(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.commissionBps <= 0 || o.codes.length === 0) return
  const p = o.promoter
  const total = unitLines(o.unitPriceFen, o.codes.length, o.commissionBps).reduce((a, b) => a + b, 0)
  const _ = db.command
  await inTransaction(db, async (tx) => {
    const ledger = await txGet<LedgerDoc>(tx, LEDGERS, o.orderId)
    if (!ledger || ledger.counted !== false) return
    await txUpdate(tx, LEDGERS, o.orderId, { counted: true })
    await txUpdate(tx, PROMOTERS, p.promoter, { pendingFen: _.inc(total) })
    await txUpdate(tx, SHARES, p.shareCode, { orders: _.inc(1), units: _.inc(o.codes.length), commissionFen: _.inc(total) })
  })
}

export async function onUnitRedeemed(db: Db, e: { orderId: string; code: string; now: number }): Promise<void> {
  const _ = db.command
  const availableAt = new Date(e.now + HOLD_DAYS * 24 * 3600 * 1000)
  const line = await inTransaction(db, async (tx) => {
    const l = await txGet<LineDoc>(tx, LINES, lineId(e.code))
    if (!l || l.status !== 'pending') return null
    await txUpdate(tx, LINES, l._id, { status: 'settled', availableAt, history: _.push([{ status: 'settled', at: new Date(e.now) }]) })
    await txUpdate(tx, PROMOTERS, l.promoter, { pendingFen: _.inc(-l.amountFen), settledFen: _.inc(l.amountFen) })
    return l
  })
  if (!line) return
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
    if (line.shareCode) await txUpdate(tx, SHARES, line.shareCode, { commissionFen: _.inc(-reversedFen) })
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
  })
  return true
}
