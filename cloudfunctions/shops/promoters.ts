import type { Input, Output } from '@core/contracts'
import type { ShopPromoterCounts } from '@core/contracts/views'
import { AppError } from '@core/result'
import { withoutMoney } from '@core/shops/staff-access'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { decidePromoter, promotersOfShop } from '../promoters/public'
import { requireShopReader, requireShopRole } from './access'
import { promoterPolicyOf } from './public'

/**
 * Staff who may not see the shop's money get the funnels without commission figures, ordered by paid orders
 * rather than by commission (the order would rank what they may not see).
 */
export async function shopPromoters(ctx: Ctx, input: Input<'shops', 'promoters'>): Promise<Output<'shops', 'promoters'>> {
  const { seesMoney } = await requireShopReader(ctx, input.shopId)
  const list = await promotersOfShop(ctx.db, input.shopId, await promoterPolicyOf(ctx.db, input.shopId))
  if (seesMoney) return list
  const rank = (p: ShopPromoterCounts) => (p.approval === 'pending' ? 0 : 1)
  return list.map((p): ShopPromoterCounts => withoutMoney(p)).sort((a, b) => rank(a) - rank(b) || b.orders - a.orders)
}

/** The owner's decision on a promoter who shared the shop's deals; it counts for orders placed after it. */
export async function reviewPromoter(ctx: Ctx, input: Input<'shops', 'reviewPromoter'>): Promise<Output<'shops', 'reviewPromoter'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const view = await decidePromoter(ctx.db, input.shopId, input.promoterId, input.decision, ctx.now(), await promoterPolicyOf(ctx.db, input.shopId))
  if (!view) throw new AppError('PROMOTER_NOT_FOUND')
  await audit(ctx, { entity: 'shop_promoter', entityId: `${input.shopId}:${input.promoterId}`, action: `promoter.${input.decision}`, to: input.decision })
  return view
}
