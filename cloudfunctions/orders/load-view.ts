import type { OrderView } from '@core/contracts/views'
import { AUDIT_EVENTS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { codesOfOrder } from '../redemption/public'
import type { OrderDoc } from './collections'
import { toOrderView } from './views'
import { timelineOf } from './with-codes'

/** The order's events in audit_events; with those the order and its codes carry: its timeline (with-codes timelineOf). */
async function auditEventsOf(ctx: Ctx, order: Pick<OrderDoc, '_id'>): Promise<{ at: Date; action: string }[]> {
  const res = await ctx.db.collection(AUDIT_EVENTS).where({ orderId: order._id }).orderBy('at', 'asc').limit(200).get()
  return res.data as { at: Date; action: string }[]
}

export async function loadOrderView(ctx: Ctx, order: OrderDoc): Promise<OrderView> {
  const [codes, events] = await Promise.all([
    order.codes.length ? codesOfOrder(ctx.db, order._id) : Promise.resolve([]),
    auditEventsOf(ctx, order),
  ])
  return toOrderView(order, codes, timelineOf(order, events, codes), ctx.now())
}
