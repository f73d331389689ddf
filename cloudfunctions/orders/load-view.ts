import type { OrderView, TimelineEvent } from '@core/contracts/views'
import { TIMELINE_LABELS } from '@core/orders/timeline'
import { AUDIT_EVENTS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { codesOfOrder } from '../redemption/public'
import type { OrderDoc } from './collections'
import { toOrderView } from './views'

export async function timelineOf(ctx: Ctx, orderId: string): Promise<TimelineEvent[]> {
  const res = await ctx.db.collection(AUDIT_EVENTS).where({ orderId }).orderBy('at', 'asc').limit(200).get()
  return (res.data as { at: Date; action: string }[])
    .filter((e) => TIMELINE_LABELS[e.action])
    .map((e) => ({ at: +e.at, action: e.action, label: TIMELINE_LABELS[e.action] }))
}

export async function loadOrderView(ctx: Ctx, order: OrderDoc): Promise<OrderView> {
  const [codes, timeline] = await Promise.all([
    order.codes.length ? codesOfOrder(ctx.db, order._id) : Promise.resolve([]),
    timelineOf(ctx, order._id),
  ])
  return toOrderView(order, codes, timeline, ctx.now())
}
