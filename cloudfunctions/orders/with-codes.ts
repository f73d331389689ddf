import type { TimelineEvent } from '@core/contracts/views'
import { orderStateOfCodes } from '@core/orders/order-state-of-codes'
import { TIMELINE_LABELS } from '@core/orders/timeline'
import { auditInto } from '../../server/audit'
import { AUDIT_EVENTS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { CODES, type CodeDoc } from '../redemption/collections'
import { ORDERS, type OrderDoc } from './collections'

/** An order with its codes (index order) and, when asked, its timeline: one trip. */
export interface OrderRead {
  order: OrderDoc
  codes: CodeDoc[]
  timeline: TimelineEvent[]
}

/**
 * Reads the order (the buyer's own when `buyer` is given: someone else's is indistinguishable from a missing one)
 * together with its codes and, with `timeline`, its audit events, as uncorrelated $lookups of one aggregate: what
 * findOwnOrder, codesOfOrder and the timeline read in three trips.
 */
export async function readOrder(ctx: Ctx, orderId: string, opts: { buyer?: string; timeline?: boolean } = {}): Promise<OrderRead | null> {
  const $ = ctx.db.command.aggregate
  let q = ctx.db
    .collection(ORDERS)
    .aggregate()
    .match(opts.buyer === undefined ? { _id: orderId } : { _id: orderId, buyer: opts.buyer })
    .lookup({ from: CODES, as: 'codeDocs', pipeline: $.pipeline().match({ orderId }).sort({ index: 1 }).limit(100).done() })
  if (opts.timeline) q = q.lookup({ from: AUDIT_EVENTS, as: 'auditDocs', pipeline: $.pipeline().match({ orderId }).sort({ at: 1 }).limit(200).done() })
  const doc = (await q.end()).data[0] as (OrderDoc & { codeDocs: CodeDoc[]; auditDocs?: { at: Date; action: string }[] }) | undefined
  if (!doc) return null
  const { codeDocs, auditDocs, ...order } = doc
  return { order: order as OrderDoc, codes: codeDocs, timeline: timelineOf(order as OrderDoc, auditDocs ?? [], codeDocs) }
}

/**
 * The order's events: those it carries (written with it), those its codes carry (their refund moves) and those in
 * audit_events, in time order (as orders/load-view).
 */
export function timelineOf(order: Pick<OrderDoc, 'events'>, events: { at: Date; action: string }[], codes: Pick<CodeDoc, 'events'>[] = []): TimelineEvent[] {
  return [...(order.events ?? []), ...codes.flatMap((c) => c.events ?? []), ...events]
    .filter((e) => TIMELINE_LABELS[e.action])
    .map((e) => ({ at: +e.at, action: e.action, label: TIMELINE_LABELS[e.action] }))
    .sort((a, b) => a.at - b.at)
}

/**
 * Moves a paid order to completed/refunded once the codes just read say so (compare-and-set from paid, audited in the same write):
 * settleOrderState without its read. The codes must have been read after the caller's own moves, so of two callers
 * moving codes of one order the later one sees both. Returns the state the order moved to, or null.
 */
export async function settleFromCodes(ctx: Ctx, orderId: string, states: CodeDoc['status'][]): Promise<'completed' | 'refunded' | null> {
  if (states.length === 0) return null
  const next = orderStateOfCodes(states)
  if (next === 'paid') return null
  const _ = ctx.db.command
  // The move carries its audit event (on the order's events, which the timeline reads): one write.
  const event = auditInto(ctx, { entity: 'order', entityId: orderId, orderId, action: `order.${next}`, to: next })
  const moved = await updatedCount(ctx.db.collection(ORDERS).where({ _id: orderId, status: _.in(['paid', 'grouping']) }).update({ status: next, updatedAt: new Date(ctx.now()), ...event }))
  return moved === 1 ? next : null
}
