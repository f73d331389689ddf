import type { RefundReason } from '@core/codes/states'
import { orderStateOfCodes } from '@core/orders/order-state-of-codes'
import { formatYuan } from '@core/money/format-yuan'
import { audit, auditInto } from '../../server/audit'
import { notifyUser } from '../../server/notify'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { inTransaction, isTransactionConflict, txUpdate } from '../../server/tx'
import { DEALS } from '../deals/collections'
import { addBuyerUnitsInTx } from '../deals/public'
import { refundPayment } from '../payments/public'
import { claimForRefund, codesOfOrder, markRefundedInTx } from '../redemption/public'
import { reverseUnitInTx } from '../promoters/hooks'
import { returnUnitsInTx } from './buyer-units'
import { syncGroupCard } from './group-card'
import { ORDERS, type OrderDoc } from './collections'

export const refundNoFor = (code: string) => `R${code}`

/** Claims an unused code for refund (unused -> refunding). False when it was not unused any more. */
export async function claimCode(ctx: Ctx, order: OrderDoc, code: string, reason: RefundReason): Promise<boolean> {
  // The claim carries its audit event (on the code's events, which the order timeline reads): one write.
  return claimForRefund(ctx.db, code, order._id, reason, ctx.now(), auditInto(ctx, {
    entity: 'code', entityId: code, orderId: order._id, from: 'unused', to: 'refunding',
    action: reason === 'expired' ? 'code.expiry_refund_requested' : reason === 'group_failed' ? 'code.group_refund_requested' : 'code.refund_requested',
  }))
}

/**
 * Finishes the refund of a code in `refunding`: money back through the payment provider (idempotent by the
 * refund number), then refunding -> refunded; only the caller that wins that move books its consequences
 * (stock, purchase limit, order totals and the commission reversal, in one transaction with the move), so retries
 * and concurrent timers do each exactly once.
 * Returns false when the provider did not confirm, or the booking waited too long behind other refunds of the deal
 * (the code stays refunding and a timer retries).
 */
export async function finishCodeRefund(ctx: Ctx, order: OrderDoc, code: string, fresh = false): Promise<boolean> {
  const paid = await refundPayment(ctx.db, {
    orderId: order._id,
    refundNo: refundNoFor(code),
    totalFen: order.amountFen,
    refundFen: order.unitPriceFen,
    now: ctx.now(),
    fresh,
  })
  if (!paid) return false
  const _ = ctx.db.command
  let moved: boolean
  try {
    moved = await inTransaction(ctx.db, async (tx) => {
      // booked: the commission moves in this same transaction, so nothing of the refund is left to book.
      // The move carries its audit event (the code's events): a crash cannot separate them.
      const event = auditInto(ctx, { entity: 'code', entityId: code, orderId: order._id, action: 'code.refunded', from: 'refunding', to: 'refunded', detail: { refundFen: order.unitPriceFen } })
      const c = await markRefundedInTx(tx, code, ctx.now(), true, event)
      if (!c) return false
      await txUpdate(tx, ORDERS, order._id, { refundedFen: _.inc(order.unitPriceFen), refundedUnits: _.inc(1), updatedAt: new Date(ctx.now()) })
      // A refunded unit leaves 已售, 接龙 and the group at once, whether its group is forming, decided or absent:
      // with the stock it goes back to, one write of the deal.
      const buyers = await addBuyerUnitsInTx(tx, order.dealId, order.buyer, -1)
      await txUpdate(tx, DEALS, order.dealId, { stock: _.inc(1), sold: _.inc(-1), groupUnits: _.inc(-1), ...(buyers !== 0 ? { groupBuyers: _.inc(buyers) } : {}) })
      await returnUnitsInTx(tx, ctx.db, order.dealId, order.buyer, 1)
      if (order.promoter) await reverseUnitInTx(tx, ctx.db, { orderId: order._id, code, now: ctx.now(), units: order.qty })
      return true
    })
  } catch (e) {
    // Refunds of one deal at once queue on the deal's document (and a promoter's on theirs); one that waited past the
    // budget is not an error: the money is on its way, the code shows 退款中, and retryRefunds books it (as after a
    // provider failure).
    if (isTransactionConflict(e)) return false
    throw e
  }
  if (moved) {
    await notifyUser(ctx.db, `refunded:${code}`, { to: order.buyer, kind: 'refunded', title: '退款成功', body: `${order.dealTitle} 1 份，¥${formatYuan(order.unitPriceFen)} 已原路退回`, page: `/pages/order/index?id=${order._id}` }, ctx.now())
    // A forming group's live cards (动态消息) show the count without this unit.
    if (order.grouped) await syncGroupCard(ctx, order.dealId)
  }
  return true
}

/** Moves a paid order to completed/refunded once its codes say so (compare-and-set from paid). */
export async function settleOrderState(ctx: Ctx, orderId: string): Promise<void> {
  const codes = await codesOfOrder(ctx.db, orderId)
  if (codes.length === 0) return
  const next = orderStateOfCodes(codes.map((c) => c.status))
  if (next === 'paid') return
  const _ = ctx.db.command
  const event = auditInto(ctx, { entity: 'order', entityId: orderId, orderId, action: `order.${next}`, to: next })
  await updatedCount(ctx.db.collection(ORDERS).where({ _id: orderId, status: _.in(['paid', 'grouping']) }).update({ status: next, updatedAt: new Date(ctx.now()), ...event }))
}

/** completed -> paid when a redemption is undone (the only way back from completed). */
export async function reopenOrder(ctx: Ctx, orderId: string): Promise<void> {
  const moved = await updatedCount(
    ctx.db.collection(ORDERS).where({ _id: orderId, status: 'completed' }).update({ status: 'paid', updatedAt: new Date(ctx.now()) }),
  )
  if (moved === 1) await audit(ctx, { entity: 'order', entityId: orderId, orderId, action: 'order.reopened', from: 'completed', to: 'paid' })
}
