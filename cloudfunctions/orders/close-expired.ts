import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { releaseStockInTx } from '../deals/public'
import { returnUnitsInTx } from './buyer-units'
import { ORDERS, type OrderDoc } from './collections'

/**
 * Closes unpaid orders past their deadline and gives their stock back. Each close and its stock release are
 * one transaction that re-reads the order, so two timers at once, or a payment landing at the same moment,
 * cannot release twice or close a paid order.
 */
export async function closeExpiredOrders(ctx: Ctx, batch = 200): Promise<{ closed: number }> {
  const _ = ctx.db.command
  const now = ctx.now()
  const due = (await ctx.db.collection(ORDERS).where({ status: 'pending_payment', payBefore: _.lte(new Date(now)) }).limit(batch).get()).data as OrderDoc[]
  let closed = 0
  for (const candidate of due) {
    const done = await inTransaction(ctx.db, async (tx) => {
      const o = await txGet<OrderDoc>(tx, ORDERS, candidate._id)
      if (!o || o.status !== 'pending_payment' || +o.payBefore > now) return false
      await txUpdate(tx, ORDERS, o._id, { status: 'closed', closedAt: new Date(now), updatedAt: new Date(now) })
      await releaseStockInTx(tx, ctx.db, o.dealId, o.qty)
      await returnUnitsInTx(tx, ctx.db, o.dealId, o.buyer, o.qty)
      return true
    })
    if (done) {
      closed++
      await audit(ctx, { entity: 'order', entityId: candidate._id, orderId: candidate._id, action: 'order.closed', from: 'pending_payment', to: 'closed' })
    }
  }
  return { closed }
}
