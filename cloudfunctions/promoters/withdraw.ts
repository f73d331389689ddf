import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import { stableId } from '../../server/ids'
import { balanceOf } from './balance'
import { MIN_WITHDRAW_FEN, PROMOTERS, WITHDRAWALS, type PromoterDoc, type WithdrawalDoc } from './collections'
import { requirePromoter } from './join'

/**
 * Withdrawals from the available balance only, idempotent by key. The promoter document's `withdrawnFen` is a
 * version: the withdrawal moves it by compare-and-set from the value the balance was computed with, so two
 * requests at once cannot both spend the same balance (the loser recomputes).
 * Production pays by merchant transfer that the user confirms (wx.requestMerchantTransfer); here the transfer
 * is simulated and succeeds at once.
 */
export async function withdraw(ctx: Ctx, input: Input<'promoters', 'withdraw'>): Promise<Output<'promoters', 'withdraw'>> {
  const promoter = await requirePromoter(ctx)
  if (input.amountFen < MIN_WITHDRAW_FEN) throw new AppError('WITHDRAW_BELOW_MINIMUM')
  const id = stableId('w', promoter, input.idempotencyKey)
  const existing = (await ctx.db.collection(WITHDRAWALS).doc(id).get()).data[0] as WithdrawalDoc | undefined
  if (existing) return { id, amountFen: existing.amountFen, status: existing.status }
  for (let attempt = 0; attempt < 5; attempt++) {
    const profile = (await ctx.db.collection(PROMOTERS).doc(promoter).get()).data[0] as PromoterDoc
    const withdrawn = profile.withdrawnFen ?? 0
    const balance = await balanceOf(ctx.db, promoter, ctx.now(), profile)
    if (balance.availableFen < input.amountFen) throw new AppError('INSUFFICIENT_BALANCE')
    const moved = await updatedCount(
      ctx.db.collection(PROMOTERS).where({ _id: promoter, withdrawnFen: withdrawn }).update({ withdrawnFen: withdrawn + input.amountFen }),
    )
    if (moved !== 1) continue
    const doc: WithdrawalDoc = { _id: id, promoter, amountFen: input.amountFen, status: 'paid', createdAt: new Date(ctx.now()), paidAt: new Date(ctx.now()) }
    try {
      checked(await ctx.db.collection(WITHDRAWALS).add(doc))
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      // The same request won elsewhere between our check and here: give back what we took.
      await ctx.db.collection(PROMOTERS).doc(promoter).update({ withdrawnFen: ctx.db.command.inc(-input.amountFen) })
      const first = (await ctx.db.collection(WITHDRAWALS).doc(id).get()).data[0] as WithdrawalDoc
      return { id, amountFen: first.amountFen, status: first.status }
    }
    await audit(ctx, { entity: 'withdrawal', entityId: id, action: 'withdrawal.paid', to: 'paid', detail: { amountFen: input.amountFen } })
    return { id, amountFen: input.amountFen, status: 'paid' }
  }
  throw new AppError('INSUFFICIENT_BALANCE')
}
