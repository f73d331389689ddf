import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'

/** Failed code look-ups per staff account: guessing 60-bit codes is hopeless, and this keeps it so. */
export const LOOKUP_LIMITS = [
  { window: 'm', ms: 60_000, max: 10 },
  { window: 'h', ms: 3_600_000, max: 100 },
] as const

const RATE_LIMITS = 'rate_limits'
const bucketId = (openid: string, w: string, ms: number, now: number) => `lookup:${openid}:${w}:${Math.floor(now / ms)}`

function limited(l: (typeof LOOKUP_LIMITS)[number], now: number): AppError {
  const waitSec = Math.ceil((l.ms - (now % l.ms)) / 1000)
  return new AppError('RATE_LIMITED', `查询失败次数过多，请 ${waitSec >= 60 ? `${Math.ceil(waitSec / 60)} 分钟` : `${waitSec} 秒`}后再试`, { waitSec })
}

/** Cheap early refusal (one read) when a window is already spent; the budget itself is taken by takeLookup. */
export async function assertLookupBudget(ctx: Ctx, openid: string): Promise<void> {
  const now = ctx.now()
  const _ = ctx.db.command
  const ids = LOOKUP_LIMITS.map((l) => bucketId(openid, l.window, l.ms, now))
  const res = await ctx.db.collection(RATE_LIMITS).where({ _id: _.in(ids) }).get()
  const counts = new Map((res.data as { _id: string; count: number }[]).map((d) => [d._id, d.count]))
  for (const [i, l] of LOOKUP_LIMITS.entries()) {
    if ((counts.get(ids[i]) ?? 0) >= l.max) throw limited(l, now)
  }
}

/** The budget units one look-up holds: given back when the code is found, kept when the look-up failed. */
export type LookupTicket = string[]

/**
 * Takes one failed look-up from every window before the code is looked up, by a conditional increment
 * (`count < max`), so look-ups in flight at once, or the codes of one batch, cannot overdraw the budget the way
 * "check first, count the failure afterwards" lets them. Throws RATE_LIMITED when a window is spent.
 */
export async function takeLookup(ctx: Ctx, openid: string): Promise<LookupTicket> {
  const now = ctx.now()
  const taken: LookupTicket = []
  for (const l of LOOKUP_LIMITS) {
    const id = bucketId(openid, l.window, l.ms, now)
    if (!(await takeOne(ctx, id, l.max, now + l.ms))) {
      await giveBackLookup(ctx, taken)
      throw limited(l, now)
    }
    taken.push(id)
  }
  return taken
}

async function takeOne(ctx: Ctx, id: string, max: number, expiresAt: number): Promise<boolean> {
  const _ = ctx.db.command
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await updatedCount(ctx.db.collection(RATE_LIMITS).where({ _id: id, count: _.lt(max) }).update({ count: _.inc(1) }))) === 1) return true
    try {
      checked(await ctx.db.collection(RATE_LIMITS).add({ _id: id, count: 1, expiresAt: new Date(expiresAt) }))
      return true
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      // The window's counter exists: the conditional increment failing means it is spent, unless it was just created.
    }
  }
  return false
}

/** The look-up found its code: it was not a failure, so its units go back. */
export async function giveBackLookup(ctx: Ctx, ticket: LookupTicket): Promise<void> {
  const _ = ctx.db.command
  for (const id of ticket) checked(await ctx.db.collection(RATE_LIMITS).where({ _id: id }).update({ count: _.inc(-1) }))
}

/** Every verification attempt, found or not: the evidence when a shop asks who tried what. */
export async function recordAttempt(ctx: Ctx, a: { staff: string; code: string; action: string; outcome: string }): Promise<void> {
  await ctx.db.collection('verify_attempts').add({ ...a, code: a.code.slice(0, 32), at: new Date(ctx.now()) })
}
