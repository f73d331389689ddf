import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import { RATE_LIMITS, VERIFY_ATTEMPTS } from './collections'

/** Failed code look-ups per staff account: guessing 60-bit codes is hopeless, and this keeps it so. */
export const LOOKUP_LIMITS = [
  { window: 'm', ms: 60_000, max: 10 },
  { window: 'h', ms: 3_600_000, max: 100 },
] as const

const bucketId = (openid: string, w: string, ms: number, now: number) => `lookup:${openid}:${w}:${Math.floor(now / ms)}`

function limited(l: (typeof LOOKUP_LIMITS)[number], now: number): AppError {
  const waitSec = Math.ceil((l.ms - (now % l.ms)) / 1000)
  return new AppError('RATE_LIMITED', `查询失败次数过多，请 ${waitSec >= 60 ? `${Math.ceil(waitSec / 60)} 分钟` : `${waitSec} 秒`}后再试`, { waitSec })
}

/**
 * Each window's budget is a counter document: `count` = units held by look-ups in flight + units spent by failed
 * look-ups, `failed` = the spent ones. A look-up holds a unit while it runs; a failure spends it, a success gives
 * it back. So failures can never exceed the limit however many requests are in flight, and successful look-ups
 * (a counter resending one confirmation 20 times) only ever wait a moment for a unit, never get refused for it.
 */
interface Bucket {
  _id: string
  count: number
  failed?: number
}

/** Cheap early refusal (one read) once a window's failures are spent. */
export async function assertLookupBudget(ctx: Ctx, openid: string): Promise<void> {
  const now = ctx.now()
  const _ = ctx.db.command
  const ids = LOOKUP_LIMITS.map((l) => bucketId(openid, l.window, l.ms, now))
  const res = await ctx.db.collection(RATE_LIMITS).where({ _id: _.in(ids) }).get()
  const failed = new Map((res.data as Bucket[]).map((d) => [d._id, d.failed ?? 0]))
  for (const [i, l] of LOOKUP_LIMITS.entries()) {
    if ((failed.get(ids[i]) ?? 0) >= l.max) throw limited(l, now)
  }
}

/** The budget units one look-up holds: given back when the code is found, spent when the look-up failed. */
export type LookupTicket = string[]

/**
 * Holds one unit of every window before the code is looked up, by a conditional increment (`count < max`):
 * look-ups in flight at once, or the codes of one batch, cannot overdraw the budget the way "check first, count
 * the failure afterwards" lets them. When every unit is held, waits briefly for look-ups in flight to give theirs
 * back; RATE_LIMITED when the window's failures are spent or no unit comes back.
 */
export async function takeLookup(ctx: Ctx, openid: string): Promise<LookupTicket> {
  const now = ctx.now()
  // Both windows at once (their documents are independent): a window that refuses gives the other's unit back.
  const ids = LOOKUP_LIMITS.map((l) => bucketId(openid, l.window, l.ms, now))
  const got = await Promise.all(LOOKUP_LIMITS.map((l, i) => takeOne(ctx, ids[i], l.max, now + l.ms)))
  const refused = got.findIndex((ok) => !ok)
  if (refused >= 0) {
    await giveBackLookup(ctx, ids.filter((_, i) => got[i]))
    throw limited(LOOKUP_LIMITS[refused], now)
  }
  return ids
}

async function takeOne(ctx: Ctx, id: string, max: number, expiresAt: number): Promise<boolean> {
  const _ = ctx.db.command
  for (let attempt = 0; attempt < 10; attempt++) {
    if ((await updatedCount(ctx.db.collection(RATE_LIMITS).where({ _id: id, count: _.lt(max) }).update({ count: _.inc(1) }))) === 1) return true
    try {
      checked(await ctx.db.collection(RATE_LIMITS).add({ _id: id, count: 1, failed: 0, expiresAt: new Date(expiresAt) }))
      return true
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
    }
    // Every unit is held or spent: spent ones never come back, held ones do as soon as their look-up ends.
    const b = (await ctx.db.collection(RATE_LIMITS).doc(id).get()).data[0] as Bucket | undefined
    if ((b?.failed ?? 0) >= max) return false
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20))
  }
  return false
}

/** The look-up found its code: it was not a failure, so its units go back. */
export async function giveBackLookup(ctx: Ctx, ticket: LookupTicket): Promise<void> {
  const _ = ctx.db.command
  await Promise.all(ticket.map(async (id) => checked(await ctx.db.collection(RATE_LIMITS).where({ _id: id }).update({ count: _.inc(-1) }))))
}

/** The look-up found nothing: its units stay spent. */
export async function spendLookup(ctx: Ctx, ticket: LookupTicket): Promise<void> {
  const _ = ctx.db.command
  await Promise.all(ticket.map(async (id) => checked(await ctx.db.collection(RATE_LIMITS).where({ _id: id }).update({ failed: _.inc(1) }))))
}

/** Every verification attempt, found or not: the evidence when a shop asks who tried what. */
export async function recordAttempt(ctx: Ctx, a: { staff: string; code: string; action: string; outcome: string }): Promise<void> {
  await ctx.db.collection(VERIFY_ATTEMPTS).add({ ...a, code: a.code.slice(0, 32), at: new Date(ctx.now()) })
}
