import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { clearHold, clearHolds, releaseHold, releaseStockInTx, staleHolds } from '../deals/public'
import { returnCheckoutUnits, returnUnitsInTx } from './buyer-units'
import { ORDERS, type OrderDoc } from './collections'

/**
 * Closes unpaid orders past their deadline and gives their stock back. Each close and its stock release are
 * one transaction that re-reads the order, so two timers at once, or a payment landing at the same moment,
 * cannot release twice or close a paid order.
 */
export async function closeExpiredOrders(ctx: Ctx, batch = 200): Promise<{ closed: number; released: number }> {
  const _ = ctx.db.command
  const now = ctx.now()
  const due = (await ctx.db.collection(ORDERS).where({ status: 'pending_payment', payBefore: _.lte(new Date(now)) }).limit(batch).get()).data as OrderDoc[]
  let closed = 0
  for (const candidate of due) if (await closeUnpaidOrder(ctx, candidate._id, (o) => +o.payBefore <= now, 'timer')) closed++
  return { closed, released: await releaseDeadCheckouts(ctx, now) }
}

/**
 * Closes one unpaid order and returns its stock and purchase-limit units, in one transaction that re-reads it:
 * false when it is no longer pending_payment (paid, closed by someone else) or `may` says no. Shared by the
 * timer and the buyer's 取消订单, so both give back exactly the same.
 */
export async function closeUnpaidOrder(ctx: Ctx, orderId: string, may: (o: OrderDoc) => boolean, by: 'timer' | 'buyer'): Promise<boolean> {
  const now = ctx.now()
  const done = await inTransaction(ctx.db, async (tx) => {
    const o = await txGet<OrderDoc>(tx, ORDERS, orderId)
    if (!o || o.status !== 'pending_payment' || !may(o)) return false
    await txUpdate(tx, ORDERS, o._id, { status: 'closed', closedAt: new Date(now), updatedAt: new Date(now) })
    await releaseStockInTx(tx, ctx.db, o.dealId, o.qty)
    await returnUnitsInTx(tx, ctx.db, o.dealId, o.buyer, o.qty)
    return true
  })
  if (done) await audit(ctx, { entity: 'order', entityId: orderId, orderId, action: by === 'buyer' ? 'order.cancelled' : 'order.closed', from: 'pending_payment', to: 'closed' })
  return done
}

/** Far longer than the orders function may run (10 s): a hold this old without its order belongs to no running checkout. */
const HOLD_TIMEOUT_MS = 2 * 60 * 1000
/**
 * A hold its order was written with is done (a retry finds the order itself, orders/place): checkouts leave it for
 * this timer, which clears a deal's in one write once they are this old, so a hot deal carries ~110 bytes per order
 * of the last 30-90 s only.
 */
const WRITTEN_HOLD_MS = 30 * 1000

/**
 * Holds older than 30 s. A hold its order was written with is only cleared: those of one deal in one write,
 * after one read of their orders. Any other hold past the timeout belongs to a checkout that died between taking its
 * units and writing its order (a crash, a timeout): it gives its units back, and the purchase limit too when no order
 * was written at all.
 */
async function releaseDeadCheckouts(ctx: Ctx, now: number): Promise<number> {
  const _ = ctx.db.command
  let released = 0
  const byDeal = new Map<string, CheckoutHoldOf[]>()
  for (const h of await staleHolds(ctx.db, now - WRITTEN_HOLD_MS)) byDeal.set(h.dealId, [...(byDeal.get(h.dealId) ?? []), h])
  for (const [dealId, holds] of byDeal) {
    for (let i = 0; i < holds.length; i += 500) {
      const batch = holds.slice(i, i + 500)
      const orders = (await ctx.db.collection(ORDERS).where({ _id: _.in(batch.map((h) => h.orderId)) }).field({ hold: true }).limit(batch.length).get()).data as Pick<OrderDoc, '_id' | 'hold'>[]
      const holdOf = new Map(orders.map((o) => [o._id, o.hold]))
      const written = batch.filter((h) => holdOf.get(h.orderId) === h.token)
      if (!(await clearHolds(ctx.db, dealId, written))) for (const h of written) await clearHold(ctx.db, dealId, h.orderId, h.token)
      for (const h of batch) {
        if (holdOf.get(h.orderId) === h.token || +h.at > now - HOLD_TIMEOUT_MS) continue
        if (!holdOf.has(h.orderId)) await returnCheckoutUnits(ctx.db, h.dealId, h.buyer, h.orderId, h.qty)
        if (await releaseHold(ctx.db, h.dealId, h.orderId, h.token, h.qty)) {
          released++
          await audit(ctx, { entity: 'deal', entityId: h.dealId, action: 'checkout.abandoned', detail: { orderId: h.orderId, qty: h.qty } })
        }
      }
    }
  }
  return released
}

type CheckoutHoldOf = Awaited<ReturnType<typeof staleHolds>>[number]
