import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { findShopCode, toPreview } from './lookup'
import { giveBackLookup, recordAttempt, spendLookup, takeLookup } from './rate-limit'
import { staffShops } from './staff'

export async function previewCode(ctx: Ctx, input: Input<'redemption', 'preview'>): Promise<Output<'redemption', 'preview'>> {
  const { openid, shopIds } = await staffShops(ctx)
  const ticket = await takeLookup(ctx, openid)
  const code = await findShopCode(ctx, input.code, shopIds)
  await recordAttempt(ctx, { staff: openid, code: input.code, action: 'preview', outcome: code ? 'found' : 'not_found' })
  if (!code) {
    await spendLookup(ctx, ticket)
    throw new AppError('CODE_NOT_FOUND')
  }
  await giveBackLookup(ctx, ticket)
  return toPreview(ctx, code, openid)
}
