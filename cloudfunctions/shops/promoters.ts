import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { decidePromoter, promotersOfShop } from '../promoters/public'
import { requireShopRole } from './access'
import { promoterPolicyOf } from './public'

export async function shopPromoters(ctx: Ctx, input: Input<'shops', 'promoters'>): Promise<Output<'shops', 'promoters'>> {
  await requireShopRole(ctx, input.shopId, ['owner', 'staff'])
  return promotersOfShop(ctx.db, input.shopId, await promoterPolicyOf(ctx.db, input.shopId))
}

/** The owner's decision on a promoter who shared the shop's deals; it counts for orders placed after it. */
export async function reviewPromoter(ctx: Ctx, input: Input<'shops', 'reviewPromoter'>): Promise<Output<'shops', 'reviewPromoter'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const view = await decidePromoter(ctx.db, input.shopId, input.promoterId, input.decision, ctx.now(), await promoterPolicyOf(ctx.db, input.shopId))
  if (!view) throw new AppError('PROMOTER_NOT_FOUND')
  await audit(ctx, { entity: 'shop_promoter', entityId: `${input.shopId}:${input.promoterId}`, action: `promoter.${input.decision}`, to: input.decision })
  return view
}
