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

/** Every state change leaves evidence (who, what, when): the record a dispute is settled with. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db.collection(AUDIT_EVENTS).add({
    orderId: null,
    from: null,
    to: null,
    ...entry,
    actor: ctx.caller.openid ?? 'system',
    fn: ctx.fn,
    requestId: ctx.requestId,
    at: new Date(ctx.now()),
  })
}
