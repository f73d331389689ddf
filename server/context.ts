import { AppError } from '@core/result'
import type { Db } from './platform/cloudbase'
import type { Caller } from './platform/identity'

/** What every action receives: who calls, the database, and the clock (injectable so timers can be tested). */
export interface Ctx {
  fn: string
  requestId: string
  caller: Caller
  db: Db
  now(): number
}

export function requireUser(ctx: Ctx): string {
  if (!ctx.caller.openid) throw new AppError('UNAUTHENTICATED')
  return ctx.caller.openid
}
