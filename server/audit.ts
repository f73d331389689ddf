import type { Ctx } from './context'

export interface AuditEntry {
  entity: string
  entityId: string
  action: string
  from?: string | null
  to?: string | null
  detail?: Record<string, unknown>
}

/** Every state change leaves evidence (who, what, when): the record a dispute is settled with. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db.collection('audit_events').add({
    ...entry,
    actor: ctx.caller.openid ?? 'system',
    fn: ctx.fn,
    requestId: ctx.requestId,
    at: new Date(ctx.now()),
  })
}
