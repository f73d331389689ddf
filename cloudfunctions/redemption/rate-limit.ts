import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { checked, insertOnce } from '../../server/db'
import { membershipsOf } from '../shops/public'
import { RATE_LIMITS, VERIFY_ATTEMPTS } from './collections'

/** Failed code look-ups per staff account: guessing 60-bit codes is hopeless, and this keeps it so. */
export const LOOKUP_LIMITS = [
  { window: 'm', ms: 60_000, max: 10 },
  { window: 'h', ms: 3_600_000, max: 100 },
] as const

type Window = (typeof LOOKUP_LIMITS)[number]

/**
 * One document per staff account holds both windows, as fields named by the window's number (now / its length):
 * `m<n>n` the units held by look-ups in flight plus the units spent by failed ones, `m<n>f` the spent ones (`h…`
 * for the hour). A look-up holds a unit of each window while it runs; a failure spends it, a success gives it back.
 * So failures can never exceed the limit however many requests are in flight, and successful look-ups (a counter
 * resending one confirmation 20 times) only ever wait a moment for a unit, never get refused for it. Fields named
 * by their window make a new window need no reset: taking is one conditional write whatever the window, and so is
 * giving back or spending (which also drops windows that ended).
 *
 * The same document lists the shops the account works at (`shops`, moved in the transaction that adds or removes
 * a membership: staff.ts moveStaffShopInTx), so the write that holds the unit also checks the role: one trip.
 * `rev` counts membership changes: the list is first written from shop_members only if none happened meanwhile.
 */
type Budget = { _id: string; openid?: string; shops?: string[]; rev?: number } & Record<string, unknown>

export const budgetId = (openid: string) => `lookup:${openid}`
const windowOf = (l: Window, now: number) => Math.floor(now / l.ms)
const [MINUTE, HOUR] = LOOKUP_LIMITS
const field = (l: Window, w: number, what: 'n' | 'f') => `${l.window}${w}${what}`
const WINDOW_FIELD = /^([mh])(\d+)[nf]$/
const count = (b: Budget, f: string) => (typeof b[f] === 'number' ? (b[f] as number) : 0)

function limited(l: Window, now: number, spent = true): AppError {
  const waitSec = Math.ceil((l.ms - (now % l.ms)) / 1000)
  return new AppError('RATE_LIMITED', `查询失败次数过多，请 ${waitSec >= 60 ? `${Math.ceil(waitSec / 60)} 分钟` : `${waitSec} 秒`}后再试`, { waitSec, spent })
}

/** The windows one look-up holds a unit of, the ended windows its give-back or spend may drop, and the caller's shops. */
export interface LookupTicket {
  id: string
  held: string[]
  ended: string[]
  /** The shops the account works at: every code query is scoped to them, so other shops' codes do not exist. */
  shopIds: string[]
}

/** Whether a RATE_LIMITED came from failures spent (the whole request is refused) rather than units all held. */
export const isSpent = (e: unknown) => e instanceof AppError && e.code === 'RATE_LIMITED' && (e.details as { spent?: boolean } | undefined)?.spent === true

/**
 * Checks the caller works at some shop (NOT_STAFF) and holds one unit of both windows before the code is looked up,
 * by one conditional increment (`n < max`, or no such field yet, in each, on a document listing some shop): look-ups
 * in flight at once, or the codes of one batch, cannot overdraw the budget the way "check first, count the failure
 * afterwards" lets them. When every unit is held, waits briefly for look-ups in flight to give theirs back;
 * RATE_LIMITED when a window's failures are spent or no unit comes back.
 */
export async function takeLookup(ctx: Ctx, openid: string): Promise<LookupTicket> {
  const _ = ctx.db.command
  const id = budgetId(openid)
  const coll = ctx.db.collection(RATE_LIMITS)
  for (let attempt = 0; attempt < 10; attempt++) {
    const now = ctx.now()
    const [m, h] = [windowOf(MINUTE, now), windowOf(HOUR, now)]
    const held = [field(MINUTE, m, 'n'), field(HOUR, h, 'n')]
    const room = (f: string, max: number) => _.or([{ [f]: _.lt(max) }, { [f]: _.exists(false) }])
    const rooms = [room(held[0], MINUTE.max), room(held[1], HOUR.max)]
    const hold = { [held[0]]: _.inc(1), [held[1]]: _.inc(1) }
    const ticket = (doc: Budget, shopIds: string[]): LookupTicket => ({ id, held, ended: endedWindows(doc, m, h), shopIds })
    const took = checked(await coll.where(_.and([{ _id: id, 'shops.0': _.exists(true) }, ...rooms])).updateAndReturn(hold)) as { updated: number; doc?: Budget }
    if (took.updated === 1 && took.doc?.shops) return ticket(took.doc, took.doc.shops)
    // No match: a window is full, the account works nowhere, or its document has no list yet (the account's first
    // look-up, or a membership changed before it): the list is written from shop_members with the unit it holds.
    const b = (await coll.doc(id).get()).data[0] as Budget | undefined
    const shops = b?.shops ?? (await membershipsOf(ctx.db, openid)).map((x) => x.shopId)
    if (shops.length === 0) throw new AppError('NOT_STAFF')
    if (!b) {
      if (await insertOnce(ctx.db, RATE_LIMITS, { _id: id, openid, shops, rev: 0, [held[0]]: 1, [held[1]]: 1 })) return ticket({ _id: id }, shops)
      continue
    }
    if (!b.shops) {
      const unchanged = b.rev === undefined ? _.exists(false) : b.rev
      const listed = checked(await coll.where(_.and([{ _id: id, shops: _.exists(false), rev: unchanged }, ...rooms])).updateAndReturn({ shops, ...hold })) as { updated: number; doc?: Budget }
      if (listed.updated === 1 && listed.doc) return ticket(listed.doc, shops)
    }
    if (count(b, field(MINUTE, m, 'f')) >= MINUTE.max) throw limited(MINUTE, now)
    if (count(b, field(HOUR, h, 'f')) >= HOUR.max) throw limited(HOUR, now)
    // Every unit is held or spent: spent ones never come back, held ones do as soon as their look-up ends.
    if (count(b, held[0]) >= MINUTE.max || count(b, held[1]) >= HOUR.max) await new Promise((r) => setTimeout(r, 5 + Math.random() * 20))
  }
  throw limited(MINUTE, ctx.now(), false)
}

/** Fields of windows before the previous one (a look-up that began in the previous window may still give back). */
function endedWindows(doc: Budget | undefined, m: number, h: number): string[] {
  return Object.keys(doc ?? {}).filter((k) => {
    const x = WINDOW_FIELD.exec(k)
    return x !== null && Number(x[2]) < (x[1] === 'm' ? m : h) - 1
  })
}

async function moveUnits(ctx: Ctx, t: LookupTicket, what: 'n' | 'f', by: number): Promise<void> {
  const _ = ctx.db.command
  const patch: Record<string, unknown> = Object.fromEntries(t.held.map((f) => [what === 'n' ? f : `${f.slice(0, -1)}f`, _.inc(by)]))
  for (const f of t.ended) patch[f] = _.remove()
  checked(await ctx.db.collection(RATE_LIMITS).doc(t.id).update(patch))
}

/** The look-up found its code: it was not a failure, so its units go back. */
export async function giveBackLookup(ctx: Ctx, ticket: LookupTicket): Promise<void> {
  await moveUnits(ctx, ticket, 'n', -1)
}

/** The look-up found nothing: its units stay spent (held, and counted as failures). */
export async function spendLookup(ctx: Ctx, ticket: LookupTicket): Promise<void> {
  await moveUnits(ctx, ticket, 'f', 1)
}

/** A verification attempt that redeemed nothing: the evidence when a shop asks who tried what (a redemption's own record is its code and audit event). */
export async function recordAttempt(ctx: Ctx, a: { staff: string; code: string; action: string; outcome: string }): Promise<void> {
  await ctx.db.collection(VERIFY_ATTEMPTS).add({ ...a, code: a.code.slice(0, 32), at: new Date(ctx.now()) })
}
