import { isWellFormedCode, normalizeCode } from '@core/codes/redemption-code'
import type { Input, Output } from '@core/contracts'
import type { RedeemOutcome } from '@core/contracts/views'
import { messageFor, type ErrorCode } from '@core/errors'
import { AppError } from '@core/result'
import { auditInto } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { notifyUsers } from '../../server/notify'
import type { OutgoingMessage } from '../../server/platform/messages'
import { inTransaction, isTransactionConflict, txGet, txUpdate } from '../../server/tx'
import { afterRedemption, redeemedMessage } from '../orders/redeemed'
import { onUnitRedeemed, settleRedeemedInTx, type RedeemedInTx } from '../promoters/hooks'
import { memberNames } from '../shops/public'
import { CODES, type CodeDoc } from './collections'
import { findShopCode } from './lookup'
import { markBooked } from './public'
import { giveBackLookup, isSpent, recordAttempt, spendLookup, takeLookup, type LookupTicket } from './rate-limit'

type Message = { key: string; m: OutgoingMessage }

/** A code this confirmation redeemed: `booked` as written with the move, `settled` what its transaction learnt. */
interface Won {
  code: CodeDoc
  booked: boolean
  settled: RedeemedInTx | null
  /** Moved outside a transaction (the commission's documents stayed busy past its budget): retryRefunds books it. */
  unbooked: boolean
}

/**
 * 核销. Per code, one transaction moves it unused (and within validity) -> redeemed, carries the move's audit event
 * and settles its commission line: of two staff confirming the same code at once exactly one commits and the other
 * is told who redeemed it and when. The idempotency key travels with the redemption, so a retry from a flaky counter
 * network is recognised as the same confirmation.
 */
export async function confirmCodes(ctx: Ctx, input: Input<'redemption', 'confirm'>): Promise<Output<'redemption', 'confirm'>> {
  const openid = requireUser(ctx)
  const results: RedeemOutcome[] = []
  const won = new Map<string, Won[]>()
  const replayed = new Set<string>()
  const booked: string[] = []
  const givenBack: Promise<void>[] = []
  let stopped: 'RATE_LIMITED' | 'NOT_STAFF' | null = null
  for (const raw of [...new Set(input.codes.map(normalizeCode))]) {
    // Every code of a batch is a look-up of its own: it takes budget first, so a batch cannot guess past the limit.
    // The same write checks the role (the caller's shops are on the look-up document).
    let ticket: LookupTicket
    try {
      if (stopped) throw new AppError(stopped)
      ticket = await takeLookup(ctx, openid)
    } catch (e) {
      if (!(e instanceof AppError && (e.code === 'RATE_LIMITED' || e.code === 'NOT_STAFF'))) throw e
      // Not staff, or failures already spent before this request: all of it is refused, as one look-up would be.
      if (results.length === 0 && (e.code === 'NOT_STAFF' || isSpent(e))) throw e
      stopped = e.code
      results.push(refusal(raw, e.code))
      continue
    }
    const now = ctx.now()
    const moved = await redeem(ctx, raw, ticket.shopIds, openid, input.idempotencyKey, now)
    if (!moved.code) {
      await Promise.all([spendLookup(ctx, ticket), recordAttempt(ctx, { staff: openid, code: raw, action: 'confirm', outcome: 'not_found' })])
      results.push(refusal(raw, 'CODE_NOT_FOUND'))
      continue
    }
    // Found: not a failure, its unit goes back (awaited with the confirmation's last steps, it holds nobody up).
    const back = giveBackLookup(ctx, ticket)
    back.catch(() => undefined)
    givenBack.push(back)
    const code = moved.code
    if (moved.won) {
      won.set(code.orderId, [...(won.get(code.orderId) ?? []), moved.won])
      results.push({ code: code._id, ok: true, redeemedAt: now, replay: false })
      continue
    }
    if (code.status === 'redeemed' && code.redemptionKey === input.idempotencyKey && code.redeemedBy === openid) {
      // The retry of a confirmation whose answer was lost: the first attempt may have died before its bookkeeping.
      if (code.booked === false) {
        if (await commission(code, () => onUnitRedeemed(ctx.db, { orderId: code.orderId, code: code._id, now: +code.redeemedAt!, units: code.units }))) booked.push(code._id)
        replayed.add(code.orderId)
      }
      results.push({ code: code._id, ok: true, redeemedAt: +code.redeemedAt!, replay: true })
      continue
    }
    const refused = await explainRefusal(ctx, code, now)
    results.push(refused)
    await recordAttempt(ctx, { staff: openid, code: code._id, action: 'confirm', outcome: 'refused' })
  }
  const now = ctx.now()
  const messages: Message[] = []
  for (const orderId of new Set([...won.keys(), ...replayed])) {
    const mine = won.get(orderId) ?? []
    messages.push(...mine.flatMap((w) => (w.settled?.message ? [w.settled.message] : [])))
    // Booked with its move unless it may have completed the order: only then are the order and its codes read (after
    // the moves, so of two staff redeeming the last codes of one order the later sees both) and the order settled.
    const last = mine[mine.length - 1]
    const known = last?.settled?.othersPending === true ? last.settled.order : null
    const redeemed = mine.map((w) => w.code._id)
    if (known && mine.every((w) => w.booked) && !replayed.has(orderId)) {
      messages.push(redeemedMessage({ orderId, buyer: last.code.buyer, ...known }, redeemed, now))
      continue
    }
    const told = await afterRedemption(ctx, orderId, { settle: true, redeemed, now })
    if (told) messages.push(told)
    booked.push(...mine.filter((w) => !w.booked && !w.unbooked).map((w) => w.code._id))
  }
  await markBooked(ctx.db, booked)
  await Promise.all([
    ...givenBack,
    // The codes are redeemed whatever happens to the messages: a failed outbox write must not tell the counter INTERNAL.
    notifyUsers(ctx.db, messages, now).catch((err) => console.error('redemption messages failed', err)),
  ])
  return { results }
}

/** A look-up's outcome: the code moved by this confirmation (`won`), or the code as found (null: none of the caller's shops'). */
type Moved = { code: CodeDoc; won: Won } | { code: CodeDoc | null; won: null }

const redeemable = (c: CodeDoc, now: number) => c.status === 'unused' && c.groupLocked !== true && +c.validStart <= now && +c.validEnd > now

async function redeem(ctx: Ctx, raw: string, shopIds: string[], openid: string, key: string, now: number): Promise<Moved> {
  if (!isWellFormedCode(raw)) return { code: null, won: null }
  const moved = { status: 'redeemed' as const, redeemedAt: new Date(now), redeemedBy: openid, redemptionKey: key }
  const audited = (c: CodeDoc) => auditInto(ctx, { entity: 'code', entityId: c._id, orderId: c.orderId, action: 'code.redeemed', from: 'unused', to: 'redeemed', detail: { shopId: c.shopId } })
  try {
    // Read in the transaction (TCB runs no `where` inside one): a write to the code after this read aborts it, so the
    // move is still a compare-and-set, and the commission line moves with it or not at all.
    return await inTransaction(ctx.db, async (tx): Promise<Moved> => {
      const c = await txGet<CodeDoc>(tx, CODES, raw)
      if (!c || !shopIds.includes(c.shopId)) return { code: null, won: null }
      if (!redeemable(c, now)) return { code: c, won: null }
      // Booked with the move unless the move may complete the order: then retryRefunds settles the order if we die.
      let booked = false
      const write = async (othersPending: boolean | null) => {
        booked = othersPending === true
        await txUpdate(tx, CODES, c._id, { ...moved, booked, ...audited(c) })
      }
      const settled = c.lined === false ? null : await settleRedeemedInTx(tx, ctx.db, { orderId: c.orderId, code: c._id, now, units: c.units }, write)
      if (!settled) await write(null)
      const code = { ...c, ...moved, booked }
      return { code, won: { code, booked, settled, unbooked: false } }
    })
  } catch (e) {
    if (!isTransactionConflict(e)) throw e
  }
  // The commission's documents (a busy promoter's) stayed locked past the budget: the code moves alone, unbooked, and
  // retryRefunds settles its commission, instead of the counter being told INTERNAL.
  // Read first so the move carries its audit event in the same write: a crash can no longer part the two.
  const seen = await findShopCode(ctx, raw, shopIds)
  if (!seen || !redeemable(seen, now)) return { code: seen, won: null }
  const _ = ctx.db.command
  const alone = checked(
    await ctx.db
      .collection(CODES)
      .where({ _id: seen._id, shopId: seen.shopId, status: 'unused', groupLocked: _.neq(true), validStart: _.lte(new Date(now)), validEnd: _.gt(new Date(now)) })
      .updateAndReturn({ ...moved, booked: false, ...audited(seen) }),
  ) as { updated: number; doc?: CodeDoc }
  if (alone.updated === 1 && alone.doc) return { code: alone.doc, won: { code: alone.doc, booked: false, settled: null, unbooked: true } }
  return { code: await findShopCode(ctx, raw, shopIds), won: null }
}

/**
 * A retried confirmation finishing the commission its first attempt left: a transaction on the promoter's documents,
 * which a busy promoter's sales queue on. When that waits past its budget the code stays unbooked (false) and
 * retryRefunds finishes it, instead of the counter being told INTERNAL about a code that is redeemed.
 */
async function commission(code: CodeDoc, step: () => Promise<void>): Promise<boolean> {
  // A code issued without commission lines (no promoter) has none to settle: no transaction to find that out.
  if (code.lined === false) return true
  try {
    await step()
    return true
  } catch (e) {
    if (isTransactionConflict(e)) return false
    throw e
  }
}

function refusal(code: string, error: ErrorCode, extra: Partial<RedeemOutcome> = {}): RedeemOutcome {
  return { code, ok: false, error, message: messageFor(error), ...extra } as RedeemOutcome
}

async function explainRefusal(ctx: Ctx, c: CodeDoc, now: number): Promise<RedeemOutcome> {
  if (c.status === 'redeemed') {
    const names = await memberNames(ctx.db, [{ shopId: c.shopId, openid: c.redeemedBy ?? '' }])
    const by = names.values().next().value ?? '其他店员'
    return refusal(c._id, 'CODE_ALREADY_REDEEMED', { redeemedAt: +c.redeemedAt!, redeemedBy: by })
  }
  if (c.status === 'refunded' || c.status === 'refunding') return refusal(c._id, 'CODE_REFUNDED')
  if (c.groupLocked) return refusal(c._id, 'CODE_GROUP_PENDING')
  if (+c.validEnd <= now) return refusal(c._id, 'CODE_EXPIRED')
  if (+c.validStart > now) return refusal(c._id, 'CODE_NOT_YET_VALID')
  return refusal(c._id, 'CODE_NOT_FOUND')
}
