import { messageFor } from '@core/errors'
import type { Ctx } from '../../server/context'
import { getDb } from '../../server/platform/cloudbase'
import { callerFromContext } from '../../server/platform/identity'
import { closeExpiredOrders, refundExpiredCodes, remindExpiringCodes, retryStuckRefunds, settleDueGroups, uploadDueShipping } from '../orders/public'
import { reconcileWithdrawals } from '../promoters/public'

/** Timer triggers declared in cloudfunctions/manifest.ts. Every job is safe to run twice at once. */
export const TIMER_JOBS = {
  closeUnpaid: (ctx: Ctx) => closeExpiredOrders(ctx),
  refundExpired: (ctx: Ctx) => refundExpiredCodes(ctx),
  retryRefunds: (ctx: Ctx) => retryStuckRefunds(ctx),
  remindExpiring: (ctx: Ctx) => remindExpiringCodes(ctx),
  groupDeadline: (ctx: Ctx) => settleDueGroups(ctx),
  reconcileTransfers: (ctx: Ctx) => reconcileWithdrawals(ctx),
  uploadShipping: (ctx: Ctx) => uploadDueShipping(ctx),
} as const

export type TimerName = keyof typeof TIMER_JOBS

export async function main(event: unknown, context: unknown): Promise<unknown> {
  const caller = callerFromContext(context)
  // A timer is fired by the platform, which carries no user identity; a user calling this function is refused.
  if (caller.openid) return { ok: false, code: 'FORBIDDEN', message: messageFor('FORBIDDEN') }
  const name = (event as { TriggerName?: unknown } | null)?.TriggerName
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(TIMER_JOBS, name)) {
    return { ok: false, code: 'UNKNOWN_ACTION', message: messageFor('UNKNOWN_ACTION') }
  }
  const ctx: Ctx = { fn: 'timers', requestId: `timer-${name}-${Date.now().toString(36)}`, caller, db: getDb(), now: () => Date.now() }
  try {
    return { ok: true, data: await TIMER_JOBS[name as TimerName](ctx) }
  } catch (e) {
    console.error(`[timers.${name}]`, e)
    return { ok: false, code: 'INTERNAL', message: messageFor('INTERNAL') }
  }
}
