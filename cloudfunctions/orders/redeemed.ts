import type { CodeState } from '@core/codes/states'
import { orderStateOfCodes } from '@core/orders/order-state-of-codes'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { notifyUser } from '../../server/notify'
import { CODES } from '../redemption/collections'
import { ORDERS, type OrderDoc } from './collections'

/** An order with the states of its codes, read together (the codes through an uncorrelated $lookup): one trip. */
export async function orderWithCodeStates(ctx: Ctx, orderId: string): Promise<{ order: OrderDoc; states: CodeState[] } | null> {
  const $ = ctx.db.command.aggregate
  const res = await ctx.db
    .collection(ORDERS)
    .aggregate()
    .match({ _id: orderId })
    .lookup({ from: CODES, pipeline: $.pipeline().match({ orderId }).sort({ index: 1 }).limit(100).project({ status: 1 }).done(), as: 'codeStates' })
    .end()
  const doc = (res.data as (OrderDoc & { codeStates: { status: CodeState }[] })[])[0]
  if (!doc) return null
  const { codeStates, ...order } = doc
  return { order: order as OrderDoc, states: codeStates.map((c) => c.status) }
}

/**
 * What a confirmation leaves to the order, from one read of it and its codes: paid -> completed once its codes say
 * so (`settle`, a compare-and-set from paid as settleOrderState does), and the buyer told of the codes redeemed now
 * (核销成功, one message per order and confirmation, with a 'redeemed' consent when they gave one).
 */
export async function afterRedemption(ctx: Ctx, orderId: string, e: { settle: boolean; redeemed: string[]; now: number }): Promise<void> {
  const read = await orderWithCodeStates(ctx, orderId)
  if (!read) return
  const { order, states } = read
  const next = states.length ? orderStateOfCodes(states) : 'paid'
  const steps: Promise<void>[] = []
  if (e.settle && next !== 'paid') {
    steps.push(
      (async () => {
        const _ = ctx.db.command
        const moved = await updatedCount(ctx.db.collection(ORDERS).where({ _id: orderId, status: _.in(['paid', 'grouping']) }).update({ status: next, updatedAt: new Date(ctx.now()) }))
        if (moved === 1) await audit(ctx, { entity: 'order', entityId: orderId, orderId, action: `order.${next}`, to: next })
      })(),
    )
  }
  if (e.redeemed.length) {
    const body = `${order.dealTitle} ${e.redeemed.length} 份已在 ${order.shopName} 核销`
    // The codes are redeemed whatever happens to the message: a failed outbox write must not tell the counter INTERNAL.
    steps.push(
      notifyUser(ctx.db, `redeemed:${e.redeemed[0]}:${e.now}`, { to: order.buyer, kind: 'redeemed', title: '券码已核销', body, page: `/pages/order/index?id=${orderId}` }, e.now).catch((err) => {
        console.error('redeemed notification failed', err)
      }),
    )
  }
  await Promise.all(steps)
}
