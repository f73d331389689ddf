import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { reopenOrder } from '../orders/public'
import { onRedemptionUndone } from '../promoters/hooks'
import { CODES } from './collections'
import { findShopCode, toPreview } from './lookup'
import { giveBackLookup, spendLookup, takeLookup } from './rate-limit'

export const UNDO_WINDOW_MS = 10 * 60 * 1000

/** Undo within 10 minutes by staff of the same shop: one compare-and-set back to unused. */
export async function undoRedemption(ctx: Ctx, input: Input<'redemption', 'undo'>): Promise<Output<'redemption', 'undo'>> {
  const openid = requireUser(ctx)
  // A look-up like any other (the role and a unit of the guessing limit in one write): without the budget, undo
  // would answer "no such code" to guesses without limit.
  const ticket = await takeLookup(ctx, openid)
  const { shopIds } = ticket
  const code = await findShopCode(ctx, input.code, shopIds)
  if (!code) {
    await spendLookup(ctx, ticket)
    throw new AppError('CODE_NOT_FOUND')
  }
  await giveBackLookup(ctx, ticket)
  if (code.status !== 'redeemed') throw new AppError('UNDO_NOT_ALLOWED')
  const now = ctx.now()
  if (!code.redeemedAt || +code.redeemedAt < now - UNDO_WINDOW_MS) throw new AppError('UNDO_WINDOW_PASSED')
  if (!(await onRedemptionUndone(ctx.db, { orderId: code.orderId, code: code._id, check: true, now }))) throw new AppError('UNDO_NOT_ALLOWED')
  const _ = ctx.db.command
  const moved = await updatedCount(
    ctx.db
      .collection(CODES)
      .where({ _id: code._id, shopId: code.shopId, status: 'redeemed', redeemedAt: _.gte(new Date(now - UNDO_WINDOW_MS)) })
      .update({ status: 'unused', redeemedAt: null, redeemedBy: null, redemptionKey: null }),
  )
  if (moved !== 1) throw new AppError('UNDO_NOT_ALLOWED')
  await onRedemptionUndone(ctx.db, { orderId: code.orderId, code: code._id, check: false, now })
  await reopenOrder(ctx, code.orderId)
  await audit(ctx, { entity: 'code', entityId: code._id, orderId: code.orderId, action: 'code.redemption_undone', from: 'redeemed', to: 'unused', detail: { undoneBy: openid } })
  return toPreview(ctx, { ...code, status: 'unused', redeemedAt: null, redeemedBy: null }, openid)
}
