import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { stableId } from '../../server/ids'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { balanceOf } from './balance'
import { MIN_WITHDRAW_FEN, PROMOTERS, WITHDRAWALS, type PromoterDoc } from './collections'
import { requirePromoter } from './join'
import { getWithdrawal, RECONCILE_AFTER_MS, startTransfer, toWithdrawalView, type WithdrawalRecord } from './withdrawals'

/**
 * Withdrawals from the available balance only, idempotent by key (the withdrawal's id, which is also the
 * transfer's out_bill_no). The money is reserved by moving the promoter document's `withdrawnFen` from the value
 * the balance was computed with, in the same transaction that writes the withdrawal `requested`: two requests at
 * once cannot both spend the same balance (the database refuses the second writer and the retry recomputes), and
 * no crash can leave money reserved without its withdrawal. Then the merchant transfer is created; the promoter
 * confirms it in WeChat, and withdrawals.ts ends it paid, or failed with the money back.
 */
export async function withdraw(ctx: Ctx, input: Input<'promoters', 'withdraw'>): Promise<Output<'promoters', 'withdraw'>> {
  const promoter = await requirePromoter(ctx)
  if (input.amountFen < MIN_WITHDRAW_FEN) throw new AppError('WITHDRAW_BELOW_MINIMUM')
  const id = stableId('w', promoter, input.idempotencyKey)
  let w = await getWithdrawal(ctx.db, id)
  if (!w) w = await reserve(ctx, promoter, id, input.amountFen)
  // A first request whose transfer never answered: ask again (same out_bill_no, so WeChat pays at most once).
  if (w.status === 'requested' && !w.billState && ctx.now() - +w.createdAt < RECONCILE_AFTER_MS) w = await startTransfer(ctx, w)
  return toWithdrawalView(w)
}

async function reserve(ctx: Ctx, promoter: string, id: string, amountFen: number): Promise<WithdrawalRecord> {
  const now = ctx.now()
  const doc: WithdrawalRecord = {
    _id: id, promoter, amountFen, status: 'requested', createdAt: new Date(now), paidAt: null,
    packageInfo: null, billState: null, failCode: null, failReason: null, failedAt: null, refundedToBalance: false,
  }
  const r = await inTransaction(ctx.db, async (tx) => {
    const existing = await txGet<WithdrawalRecord>(tx, WITHDRAWALS, id)
    if (existing) return { w: existing, created: false }
    const p = await txGet<PromoterDoc>(tx, PROMOTERS, promoter)
    if (!p) return null
    const balance = await balanceOf(ctx.db, promoter, now, p)
    if (balance.availableFen < amountFen) return null
    // Set from the value read in this transaction: a concurrent change of the promoter aborts and retries it.
    await txUpdate(tx, PROMOTERS, promoter, { withdrawnFen: (p.withdrawnFen ?? 0) + amountFen })
    checked(await tx.collection(WITHDRAWALS).add(doc as unknown as Record<string, unknown>))
    return { w: doc, created: true }
  })
  if (!r) throw new AppError('INSUFFICIENT_BALANCE')
  if (r.created) await audit(ctx, { entity: 'withdrawal', entityId: id, action: 'withdrawal.requested', to: 'requested', detail: { amountFen } })
  return r.w
}
