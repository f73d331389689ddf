import type { Input, Output } from '@core/contracts'
import { dealEarning } from '@core/promoters/earning'
import { approvalState } from '@core/promoters/policy'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { getDealDoc } from '../deals/public'
import { promoterPolicyOf } from '../shops/public'
import { EMPTY_FUNNEL, SHARES, SHOP_PROMOTERS, type ShareDoc, type ShopPromoterDoc } from './collections'
import { ensureShopPromoter, shopPromoterId } from './funnels'
import { requirePromoter } from './join'
import { shareCodeFor } from './public'
import { insertOnce } from '../../server/db'

/**
 * A share code per (promoter, deal, channel), the same on every call. Sharing also introduces the promoter to
 * the shop (its promoter list); where the shop requires approval, the answer says where that stands.
 */
export async function share(ctx: Ctx, input: Input<'promoters', 'share'>): Promise<Output<'promoters', 'share'>> {
  const promoter = await requirePromoter(ctx)
  const deal = await getDealDoc(ctx.db, input.dealId)
  if (!deal || deal.status === 'draft') throw new AppError('DEAL_NOT_FOUND')
  const shareCode = shareCodeFor(promoter, deal._id, input.channel)
  const doc: ShareDoc = {
    _id: shareCode, promoter, dealId: deal._id, dealTitle: deal.title, channel: input.channel, shopId: deal.shopId, createdAt: new Date(ctx.now()),
    ...EMPTY_FUNNEL,
  }
  const [policy, , introduced] = await Promise.all([
    promoterPolicyOf(ctx.db, deal.shopId),
    insertOnce(ctx.db, SHARES, doc),
    ensureShopPromoter(ctx.db, deal.shopId, promoter, ctx.now()),
  ])
  let decision: ShopPromoterDoc['decision'] = null
  if (policy.approvalRequired && !introduced) {
    decision = ((await ctx.db.collection(SHOP_PROMOTERS).doc(shopPromoterId(deal.shopId, promoter)).get()).data[0] as ShopPromoterDoc | undefined)?.decision ?? null
  }
  const approval = approvalState(policy, decision)
  const earning = dealEarning({ id: deal._id, priceFen: deal.priceFen, commissionBps: deal.commissionBps }, policy, approval)
  return { shareCode, path: `/pages/deal/index?id=${deal._id}&s=${shareCode}`, scene: shareCode, approval, earning }
}
