import { reversalForRefund, unitLines } from '@core/commission/order-commission'
import { formatYuan } from '@core/money/format-yuan'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import { notifyUser } from '../../server/notify'
import type { Db } from '../../server/platform/cloudbase'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { balanceOf } from './balance'
import { HOLD_DAYS, LEDGERS, LINES, type LedgerDoc, type LineDoc } from './collections'
import type { Attribution } from './public'

/**
 * The commission ledger's side of order events. Each is idempotent (deterministic ids, compare-and-set or a
 * transaction on the line), so a replayed payment, redemption or refund changes nothing.
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

export async function onOrderPaid(db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.commissionBps <= 0 || o.codes.length === 0) return
  const ledger: LedgerDoc = { _id: o.orderId, promoter: o.promoter.promoter, unitPriceFen: o.unitPriceFen, commissionBps: o.commissionBps, live: o.codes.length }
  try {
    checked(await db.collection(LEDGERS).add(ledger))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  const amounts = unitLines(o.unitPriceFen, o.codes.length, o.commissionBps)
  const at = new Date(o.now)
  for (const [i, code] of o.codes.entries()) {
    const line: LineDoc = {
      _id: lineId(code), orderId: o.orderId, code, promoter: o.promoter.promoter, shareCode: o.promoter.shareCode, dealId: o.dealId,
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

export async function onUnitRedeemed(db: Db, e: { orderId: string; code: string; now: number }): Promise<void> {
  const _ = db.command
  const availableAt = new Date(e.now + HOLD_DAYS * 24 * 3600 * 1000)
  const moved = await updatedCount(
    db.collection(LINES).where({ _id: lineId(e.code), status: 'pending' }).update({ status: 'settled', availableAt, history: _.push([{ status: 'settled', at: new Date(e.now) }]) }),
  )
  if (moved !== 1) return
  const line = (await db.collection(LINES).doc(lineId(e.code)).get()).data[0] as LineDoc
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
    const b = await balanceOf(db, line.promoter, e.now)
    const availableFromLine = line.availableAt && +line.availableAt <= e.now ? line.amountFen : 0
    return b.availableFen - availableFromLine >= 0
  }
  const _ = db.command
  await updatedCount(
    db.collection(LINES).where({ _id: line._id, status: 'settled' }).update({ status: 'pending', availableAt: null, history: _.push([{ status: 'pending', at: new Date(e.now) }]) }),
  )
  return true
}
