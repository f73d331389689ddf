import { normalizeCode } from '@core/codes/redemption-code'
import type { Input, Output } from '@core/contracts'
import type { RedeemOutcome } from '@core/contracts/views'
import { messageFor, type ErrorCode } from '@core/errors'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { isTransactionConflict } from '../../server/tx'
import { afterRedemption } from '../orders/redeemed'
import { onUnitRedeemed } from '../promoters/hooks'
import { memberNames } from '../shops/public'
import { CODES, type CodeDoc } from './collections'
import { markBooked } from './public'
import { findShopCode } from './lookup'
import { AppError } from '@core/result'
import { giveBackLookup, isSpent, recordAttempt, spendLookup, takeLookup, type LookupTicket } from './rate-limit'
import { staffShops } from './staff'

/**
 * 核销. One compare-and-set per code (unused and within validity -> redeemed); of two staff confirming the same
 * code at once exactly one wins and the other is told who redeemed it and when. The idempotency key travels
 * with the redemption, so a retry from a flaky counter network is recognised as the same confirmation.
 */
export async function confirmCodes(ctx: Ctx, input: Input<'redemption', 'confirm'>): Promise<Output<'redemption', 'confirm'>> {
  const { openid, shopIds } = await staffShops(ctx)
  const _ = ctx.db.command
  const results: RedeemOutcome[] = []
  const settled = new Set<string>()
  const redeemed = new Map<string, string[]>()
  const booked: string[] = []
  let spent = false
  for (const raw of [...new Set(input.codes.map(normalizeCode))]) {
    // Every code of a batch is a look-up of its own: it takes budget first, so a batch cannot guess past the limit.
    let ticket: LookupTicket
    try {
      if (spent) throw new AppError('RATE_LIMITED')
      ticket = await takeLookup(ctx, openid)
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'RATE_LIMITED')) throw e
      // Failures already spent before this request: all of it is refused, as one look-up would be.
      if (results.length === 0 && isSpent(e)) throw e
      spent = true
      results.push(refusal(raw, 'RATE_LIMITED'))
      continue
    }
    const now = ctx.now()
    // The move and the code in one trip: the winner needs the code's order, the losers are told why.
    const moved = checked(
      await ctx.db
        .collection(CODES)
        .where({ _id: raw, shopId: _.in(shopIds), status: 'unused', groupLocked: _.neq(true), validStart: _.lte(new Date(now)), validEnd: _.gt(new Date(now)) })
        .updateAndReturn({ status: 'redeemed', redeemedAt: new Date(now), redeemedBy: openid, redemptionKey: input.idempotencyKey, booked: false }),
    ) as { updated: number; doc?: CodeDoc }
    const won = moved.updated === 1 && moved.doc ? moved.doc : null
    const code = won ?? (await findShopCode(ctx, raw, shopIds))
    if (!code) {
      await Promise.all([spendLookup(ctx, ticket), recordAttempt(ctx, { staff: openid, code: raw, action: 'confirm', outcome: 'not_found' })])
      results.push(refusal(raw, 'CODE_NOT_FOUND'))
      continue
    }
    if (won) {
      // What a redemption sets off does not depend on each other: done at once, so the counter waits for the slowest.
      // The attempt's record is the code itself (redeemedBy, redemptionKey) and its audit event: no extra write.
      const [, , isBooked] = await Promise.all([
        giveBackLookup(ctx, ticket),
        audit(ctx, { entity: 'code', entityId: code._id, orderId: code.orderId, action: 'code.redeemed', from: 'unused', to: 'redeemed', detail: { shopId: code.shopId } }),
        commission(code, () => onUnitRedeemed(ctx.db, { orderId: code.orderId, code: code._id, now, units: code.units })),
      ])
      if (isBooked) booked.push(code._id)
      settled.add(code.orderId)
      redeemed.set(code.orderId, [...(redeemed.get(code.orderId) ?? []), code._id])
      results.push({ code: code._id, ok: true, redeemedAt: now, replay: false })
      continue
    }
    await giveBackLookup(ctx, ticket)
    if (code.status === 'redeemed' && code.redemptionKey === input.idempotencyKey && code.redeemedBy === openid) {
      // The retry of a confirmation whose answer was lost: the first attempt may have died before its bookkeeping.
      if (code.booked === false) {
        if (await commission(code, () => onUnitRedeemed(ctx.db, { orderId: code.orderId, code: code._id, now: +code.redeemedAt!, units: code.units }))) booked.push(code._id)
        settled.add(code.orderId)
      }
      results.push({ code: code._id, ok: true, redeemedAt: +code.redeemedAt!, replay: true })
    } else {
      results.push(await explainRefusal(ctx, code, now))
    }
    if (!results[results.length - 1].ok) await recordAttempt(ctx, { staff: openid, code: code._id, action: 'confirm', outcome: 'refused' })
  }
  // Per order, one read of it and its codes settles its state and tells the buyer; only then is the code booked.
  const now = ctx.now()
  for (const orderId of new Set([...settled, ...redeemed.keys()])) await afterRedemption(ctx, orderId, { settle: settled.has(orderId), redeemed: redeemed.get(orderId) ?? [], now })
  await markBooked(ctx.db, booked)
  return { results }
}

/**
 * The commission step is a transaction on the promoter's document, which a busy promoter's sales queue on. The
 * redemption itself is done: when that step waits past its budget it is left unbooked (false) and retryRefunds
 * finishes it, instead of the counter being told INTERNAL about a code that is redeemed.
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
