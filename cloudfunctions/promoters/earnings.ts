import type { Input, Output } from '@core/contracts'
import { dealEarning } from '@core/promoters/earning'
import { approvalState, policyOf } from '@core/promoters/policy'
import type { Ctx } from '../../server/context'
import { DEALS, type DealDoc } from '../deals/collections'
import { getShops } from '../shops/public'
import { SHOP_PROMOTERS, type ShopPromoterDoc } from './collections'
import { shopPromoterId } from './funnels'
import { requirePromoter } from './join'

/**
 * `promoters.earnings`: 分享赚 for deal cards — per deal, what one share-sold unit earns the caller now. Three
 * reads whatever the number of deals (deals, their shops, the caller's standing at those shops); nothing written.
 */
export async function earnings(ctx: Ctx, input: Input<'promoters', 'earnings'>): Promise<Output<'promoters', 'earnings'>> {
  const promoter = await requirePromoter(ctx)
  const _ = ctx.db.command
  const ids = [...new Set(input.dealIds)]
  const deals = ((await ctx.db.collection(DEALS).where({ _id: _.in(ids) }).limit(ids.length).get()).data as DealDoc[]).filter((d) => d.status !== 'draft')
  const shopIds = [...new Set(deals.map((d) => d.shopId))]
  const [shops, standing] = await Promise.all([
    getShops(ctx.db, shopIds),
    shopIds.length === 0
      ? Promise.resolve([] as ShopPromoterDoc[])
      : ctx.db.collection(SHOP_PROMOTERS).where({ _id: _.in(shopIds.map((s) => shopPromoterId(s, promoter))) }).limit(shopIds.length).get().then((r) => r.data as ShopPromoterDoc[]),
  ])
  const decided = new Map(standing.map((s) => [s.shopId, s.decision]))
  const byId = new Map(deals.map((d) => [d._id, d]))
  return {
    items: ids.flatMap((id) => {
      const d = byId.get(id)
      if (!d) return []
      const policy = policyOf(shops.get(d.shopId)?.promoterPolicy)
      return [dealEarning({ id: d._id, priceFen: d.priceFen, commissionBps: d.commissionBps }, policy, approvalState(policy, decided.get(d.shopId)))]
    }),
  }
}
