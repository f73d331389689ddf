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

export async function assertLookupBudget(ctx: Ctx, openid: string): Promise<void> {
  const now = ctx.now()
  const _ = ctx.db.command
  const ids = LOOKUP_LIMITS.map((l) => bucketId(openid, l.window, l.ms, now))
  const res = await ctx.db.collection(RATE_LIMITS).where({ _id: _.in(ids) }).get()
  const counts = new Map((res.data as { _id: string; count: number }[]).map((d) => [d._id, d.count]))
  for (const [i, l] of LOOKUP_LIMITS.entries()) {
    if ((counts.get(ids[i]) ?? 0) >= l.max) {
      const waitSec = Math.ceil((l.ms - (now % l.ms)) / 1000)
      throw new AppError('RATE_LIMITED', `查询失败次数过多，请 ${waitSec >= 60 ? `${Math.ceil(waitSec / 60)} 分钟` : `${waitSec} 秒`}后再试`, { waitSec })
    }
  }
}

export async function countFailedLookup(ctx: Ctx, openid: string): Promise<void> {
  const now = ctx.now()
  const _ = ctx.db.command
  for (const l of LOOKUP_LIMITS) {
    const id = bucketId(openid, l.window, l.ms, now)
    if ((await updatedCount(ctx.db.collection(RATE_LIMITS).where({ _id: id }).update({ count: _.inc(1) }))) === 1) continue
    try {
      checked(await ctx.db.collection(RATE_LIMITS).add({ _id: id, count: 1, expiresAt: new Date(now + l.ms) }))
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      await ctx.db.collection(RATE_LIMITS).where({ _id: id }).update({ count: _.inc(1) })
    }
  }
}

/** Every verification attempt, found or not: the evidence when a shop asks who tried what. */
export async function recordAttempt(ctx: Ctx, a: { staff: string; code: string; action: string; outcome: string }): Promise<void> {
  await ctx.db.collection('verify_attempts').add({ ...a, code: a.code.slice(0, 32), at: new Date(ctx.now()) })
}
