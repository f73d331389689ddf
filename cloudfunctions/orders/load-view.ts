import type { OrderView, TimelineEvent } from '@core/contracts/views'
import { TIMELINE_LABELS } from '@core/orders/timeline'
import { AUDIT_EVENTS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { codesOfOrder } from '../redemption/public'
import type { OrderDoc } from './collections'
import { toOrderView } from './views'

/** The order's events: those it carries (order.placed, written with it) and those in audit_events, in time order. */
export async function timelineOf(ctx: Ctx, order: Pick<OrderDoc, '_id' | 'events'>): Promise<TimelineEvent[]> {
  const res = await ctx.db.collection(AUDIT_EVENTS).where({ orderId: order._id }).orderBy('at', 'asc').limit(200).get()
  return [...(order.events ?? []), ...(res.data as { at: Date; action: string }[])]
    .filter((e) => TIMELINE_LABELS[e.action])
    .map((e) => ({ at: +e.at, action: e.action, label: TIMELINE_LABELS[e.action] }))
    .sort((a, b) => a.at - b.at)
}

export async function loadOrderView(ctx: Ctx, order: OrderDoc): Promise<OrderView> {
  const [codes, timeline] = await Promise.all([
    order.codes.length ? codesOfOrder(ctx.db, order._id) : Promise.resolve([]),
    timelineOf(ctx, order),
  ])
  return toOrderView(order, codes, timeline, ctx.now())
}
