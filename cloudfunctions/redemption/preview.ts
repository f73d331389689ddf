import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { findShopCode, toPreview } from './lookup'
import { giveBackLookup, recordAttempt, spendLookup, takeLookup } from './rate-limit'

export async function previewCode(ctx: Ctx, input: Input<'redemption', 'preview'>): Promise<Output<'redemption', 'preview'>> {
  const openid = requireUser(ctx)
  // The role (NOT_STAFF) and a unit of the guessing limit in one write: the shops are the look-up document's.
  const ticket = await takeLookup(ctx, openid)
  const { shopIds } = ticket
  const code = await findShopCode(ctx, input.code, shopIds)
  await recordAttempt(ctx, { staff: openid, code: input.code, action: 'preview', outcome: code ? 'found' : 'not_found' })
  if (!code) {
    await spendLookup(ctx, ticket)
    throw new AppError('CODE_NOT_FOUND')
  }
  await giveBackLookup(ctx, ticket)
  return toPreview(ctx, code, openid)
}
