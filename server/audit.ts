import { AUDIT_EVENTS } from './collections'
import type { Ctx } from './context'

export interface AuditEntry {
  entity: string
  entityId: string
  action: string
  from?: string | null
  to?: string | null
  /** Set on everything that happens to an order or its codes: the order's timeline is read by it. */
  orderId?: string
  detail?: Record<string, unknown>
}

/** What an audit event records (who, what, when): the record a dispute is settled with. */
export interface AuditRecord extends Omit<AuditEntry, 'orderId' | 'from' | 'to'> {
  orderId: string | null
  from: string | null
  to: string | null
  actor: string
  fn: string
  requestId: string
  at: Date
}

export function auditRecord(ctx: Ctx, entry: AuditEntry): AuditRecord {
  return { orderId: null, from: null, to: null, ...entry, actor: ctx.caller.openid ?? 'system', fn: ctx.fn, requestId: ctx.requestId, at: new Date(ctx.now()) }
}

/**
 * Every state change leaves evidence. Here as its own document; a change that writes a document of its own anyway
 * may carry the record in it instead (a new order carries its order.placed, orders/place; see auditInto), one trip fewer.
 */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db.collection(AUDIT_EVENTS).add(auditRecord(ctx, entry))
}

/**
 * The record carried by the document the change writes anyway (an order, a code, a payment), as a field of that
 * same update: pushed onto its `events`, so the change and its evidence are one write. Readers of audit events read
 * both places (the order timeline: orders/with-codes timelineOf; tests: tests/support/audit-events).
 */
export function auditInto(ctx: Ctx, entry: AuditEntry): { events: unknown } {
  return { events: ctx.db.command.push([auditRecord(ctx, entry)]) }
}
