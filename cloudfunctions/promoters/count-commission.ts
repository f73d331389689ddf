import { unitLines } from '@core/commission/order-commission'
import type { Db } from '../../server/platform/cloudbase'
import { txGet, txUpdate, type Tx } from '../../server/tx'
import { LEDGERS, PROMOTERS, type LedgerDoc } from './collections'
import { funnelRefs } from './funnels'
import type { PaidOrder } from './hooks'

/**
 * The order's totals on the promoter's balance and the share's funnels, once (the ledger's `counted` is the guard),
 * inside the caller's transaction: the paid order's counters move together (orders/public countPaid). Nothing to do
 * for an order without a promoter.
 */
export async function countOrderCommissionInTx(tx: Tx, db: Db, o: PaidOrder): Promise<void> {
  if (!o.promoter || o.codes.length === 0) return
  const p = o.promoter
  const _ = db.command
  const ledger = await txGet<LedgerDoc>(tx, LEDGERS, o.orderId)
  if (!ledger || ledger.counted !== false) return
  // The rate the ledger was booked with (0 when the shop's approval was missing), not the order's.
  const total = unitLines(o.unitPriceFen, o.codes.length, ledger.commissionBps).reduce((a, b) => a + b, 0)
  await txUpdate(tx, LEDGERS, o.orderId, { counted: true })
  if (total > 0) await txUpdate(tx, PROMOTERS, p.promoter, { pendingFen: _.inc(total) })
  const refs = funnelRefs({ shareCode: p.shareCode, groupKey: ledger.why?.groupKey, shopId: ledger.why?.shopId, promoter: p.promoter })
  for (const [coll, id] of refs) await txUpdate(tx, coll, id, { orders: _.inc(1), units: _.inc(o.codes.length), commissionFen: _.inc(total) })
}
