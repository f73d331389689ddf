import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { notifyUser } from '../../server/notify'
import { decideDueGroups, groupStatusOf, markGroupSucceeded } from '../deals/public'
import { codesOfOrder, unlockOrderCodes } from '../redemption/public'
import { ORDERS, type OrderDoc } from './collections'
import { renewGroupCards, syncGroupCard } from './group-card'
import { claimCode, finishCodeRefund, settleOrderState } from './refund-codes'

async function groupingOrders(ctx: Ctx, dealId: string): Promise<OrderDoc[]> {
  return (await ctx.db.collection(ORDERS).where({ dealId, status: 'grouping' }).limit(1000).get()).data as OrderDoc[]
}

/** The group succeeded: every waiting order becomes usable (codes unlocked first, then the order moves). */
async function releaseGroup(ctx: Ctx, dealId: string): Promise<number> {
  let n = 0
  for (const o of await groupingOrders(ctx, dealId)) {
    await unlockOrderCodes(ctx.db, o._id)
    if ((await updatedCount(ctx.db.collection(ORDERS).where({ _id: o._id, status: 'grouping' }).update({ status: 'paid', updatedAt: new Date(ctx.now()) }))) !== 1) continue
    n++
    await audit(ctx, { entity: 'order', entityId: o._id, orderId: o._id, action: 'order.group_succeeded', from: 'grouping', to: 'paid' })
    await notifyUser(ctx.db, `group_ok:${o._id}`, { to: o.buyer, kind: 'group_succeeded', title: '拼团成功', body: `${o.dealTitle} 已成团，券码可以使用了`, page: `/pages/order/index?id=${o._id}` }, ctx.now())
  }
  return n
}

/** The group failed: every waiting order is refunded in full (stock back and commission reversed by the refund path). */
async function refundGroup(ctx: Ctx, dealId: string): Promise<number> {
  let n = 0
  for (const o of await groupingOrders(ctx, dealId)) {
    for (const c of await codesOfOrder(ctx.db, o._id)) {
      // A claim won here starts the refund: its record is written once, after WeChat answered (fresh).
      const claimed = c.status === 'unused' && (await claimCode(ctx, o, c._id, 'group_failed'))
      if (c.status === 'unused' || c.status === 'refunding') await finishCodeRefund(ctx, o, c._id, claimed)
    }
    await settleOrderState(ctx, o._id)
    n++
    await notifyUser(ctx.db, `group_fail:${o._id}`, { to: o.buyer, kind: 'group_failed', title: '拼团未成功', body: `${o.dealTitle} 未能成团，已全额退款`, page: `/pages/order/index?id=${o._id}` }, ctx.now())
  }
  return n
}

/**
 * Brings the waiting orders of a deal in line with its group's state. Called after every group payment and by
 * the timer; safe to run any number of times at once (every move is a compare-and-set or a claimed refund).
 */
export async function settleGroupOf(ctx: Ctx, dealId: string): Promise<void> {
  let status = (await groupStatusOf(ctx.db, [dealId])).get(dealId)
  if (status === 'forming' && (await markGroupSucceeded(ctx.db, dealId, ctx.now()))) status = 'succeeded'
  if (status === 'succeeded') await releaseGroup(ctx, dealId)
  if (status === 'failed') await refundGroup(ctx, dealId)
  // The group's live cards (动态消息) follow: x/y while it forms, final once it succeeded, left alone when it failed.
  await syncGroupCard(ctx, dealId)
}

/**
 * Timer: decide groups past their deadline, then finish any waiting orders of decided groups (crash recovery), and
 * keep the forming groups' live cards renewable (activity ids last 24 h).
 */
export async function settleDueGroups(ctx: Ctx): Promise<{ succeeded: number; failed: number; swept: number; cards: { renewed: number; closed: number } }> {
  const decided = await decideDueGroups(ctx.db, ctx.now())
  const waiting = (await ctx.db.collection(ORDERS).where({ status: 'grouping' }).limit(1000).get()).data as OrderDoc[]
  const deals = new Set([...decided.succeeded, ...decided.failed, ...waiting.map((o) => o.dealId)])
  const statuses = await groupStatusOf(ctx.db, [...deals])
  let swept = 0
  for (const dealId of deals) {
    if (statuses.get(dealId) === 'forming') continue
    await settleGroupOf(ctx, dealId)
    swept++
  }
  const cards = await renewGroupCards(ctx)
  return { succeeded: decided.succeeded.length, failed: decided.failed.length, swept, cards }
}
