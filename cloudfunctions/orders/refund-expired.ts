import type { Ctx } from '../../server/context'
import { expiredUnusedCodes, markBooked, stuckRefunds, unbookedRedemptions, unbookedRefunds } from '../redemption/public'
import { countOrderCommission, onUnitRedeemed, onUnitRefunded } from '../promoters/hooks'
import { uncountedLedgerOrders } from '../promoters/public'
import { ORDERS, type OrderDoc } from './collections'
import { paidOrderOf } from './paid-order'
import { claimCode, finishCodeRefund, settleOrderState } from './refund-codes'

async function ordersById(ctx: Ctx, ids: string[]): Promise<Map<string, OrderDoc>> {
  const _ = ctx.db.command
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const res = await ctx.db.collection(ORDERS).where({ _id: _.in(unique) }).limit(1000).get()
  return new Map((res.data as OrderDoc[]).map((o) => [o._id, o]))
}

/**
 * 过期自动退: every code still unused when its validity ends is refunded. The claim (unused -> refunding) picks
 * one owner per code, so concurrent timers split the work instead of doubling it; a run that crashes half way
 * leaves codes in refunding, which `retryStuckRefunds` finishes.
 */
export async function refundExpiredCodes(ctx: Ctx, batch = 200): Promise<{ refunded: number }> {
  const codes = await expiredUnusedCodes(ctx.db, ctx.now(), batch)
  const orders = await ordersById(ctx, codes.map((c) => c.orderId))
  let refunded = 0
  const touched = new Set<string>()
  for (const c of codes) {
    const order = orders.get(c.orderId)
    if (!order || !(await claimCode(ctx, order, c._id, 'expired'))) continue
    if (await finishCodeRefund(ctx, order, c._id, true)) refunded++
    touched.add(order._id)
  }
  for (const id of touched) await settleOrderState(ctx, id)
  return { refunded }
}

/**
 * Finishes work a crash, a provider failure or a queue left half done for a minute or more: refunds left in
 * `refunding`, and redemptions and refunds whose bookkeeping (commission line, order state) did not happen.
 */
export async function retryStuckRefunds(ctx: Ctx, batch = 200): Promise<{ retried: number; finished: number; redemptions: number; reversals: number; counted: number }> {
  const codes = await stuckRefunds(ctx.db, ctx.now() - 60_000, batch)
  const orders = await ordersById(ctx, codes.map((c) => c.orderId))
  let finished = 0
  for (const c of codes) {
    const order = orders.get(c.orderId)
    if (order && (await finishCodeRefund(ctx, order, c._id))) {
      finished++
      await settleOrderState(ctx, order._id)
    }
  }
  return {
    retried: codes.length,
    finished,
    redemptions: await finishRedemptions(ctx, batch),
    reversals: await finishReversals(ctx, batch),
    counted: await finishCommissionCounts(ctx, batch),
  }
}

/**
 * A notify that died between writing an order's commission lines and counting their totals leaves the ledger
 * uncounted; counting is guarded by the ledger's flag (in a transaction), so sweeping at once is safe even while
 * that notify's retry is in flight.
 */
async function finishCommissionCounts(ctx: Ctx, batch: number): Promise<number> {
  const ids = await uncountedLedgerOrders(ctx.db, batch)
  const orders = await ordersById(ctx, ids)
  let n = 0
  for (const o of orders.values()) {
    if (o.codes.length === 0 || !['paid', 'grouping', 'completed', 'refunded'].includes(o.status)) continue
    await countOrderCommission(ctx.db, paidOrderOf(o, ctx.now()))
    n++
  }
  return n
}

async function finishReversals(ctx: Ctx, batch: number): Promise<number> {
  const codes = await unbookedRefunds(ctx.db, ctx.now() - 60_000, batch)
  for (const c of codes) await onUnitRefunded(ctx.db, { orderId: c.orderId, code: c._id, now: ctx.now() })
  for (const orderId of new Set(codes.map((c) => c.orderId))) await settleOrderState(ctx, orderId)
  await markBooked(ctx.db, codes.map((c) => c._id))
  return codes.length
}

async function finishRedemptions(ctx: Ctx, batch: number): Promise<number> {
  const codes = await unbookedRedemptions(ctx.db, ctx.now() - 60_000, batch)
  for (const c of codes) await onUnitRedeemed(ctx.db, { orderId: c.orderId, code: c._id, now: +c.redeemedAt! })
  for (const orderId of new Set(codes.map((c) => c.orderId))) await settleOrderState(ctx, orderId)
  await markBooked(ctx.db, codes.map((c) => c._id))
  return codes.length
}
