import type { Input, Output } from '@core/contracts'
import { buyersOf, soldOf } from '@core/deals/counts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { resolveGroup } from '../../server/platform/groups'
import { chatBuyersOfDeal, liveOrdersOfDeal } from '../orders/public'
import { getShops, roleInShop } from '../shops/public'
import { countFactsOf } from './collections'
import { getDealDoc } from './public'
import { reviewSummaryOf } from './reviews'
import { toDealDetail } from './views'

/** What the deal page shows under the deal: the buyer list head and the newest reviews (as deals.buyers / deals.reviews). */
const BUYERS_HEAD = 20
const REVIEWS_HEAD = 10

/**
 * Everything the deal page shows, in one call: a card opened in a group chat waits for one cold function, not
 * three calls in series. Every read that does not need another's answer starts at once (the deal, the group from
 * the platform, the buyer list, the reviews); the shop follows the deal and the group's own list follows the
 * group, so the page costs two database round trips in series. A draft answers only its shop, exactly as deals.get.
 */
export async function dealPage(ctx: Ctx, input: Input<'deals', 'page'>): Promise<Output<'deals', 'page'>> {
  const db = ctx.db
  const dealAndShop = getDealDoc(db, input.id).then(async (deal) => {
    if (!deal) return null
    const shop = (await getShops(db, [deal.shopId])).get(deal.shopId)
    return shop ? { deal, shop } : null
  })
  const chat = resolveGroup(db, input.groupCloudID).then((groupId) => (groupId ? chatBuyersOfDeal(db, input.id, groupId, BUYERS_HEAD) : null))
  const [found, group, items, reviews] = await Promise.all([dealAndShop, chat, liveOrdersOfDeal(db, input.id, BUYERS_HEAD), reviewSummaryOf(db, input.id, REVIEWS_HEAD)])
  if (!found) throw new AppError('DEAL_NOT_FOUND')
  const { deal, shop } = found
  // A draft exists only for its shop: to everyone else it answers exactly like a missing deal.
  if (deal.status === 'draft' && !(await roleInShop(db, deal.shopId, ctx.caller.openid))) throw new AppError('DEAL_NOT_FOUND')
  const facts = countFactsOf(deal)
  return {
    deal: toDealDetail(deal, shop, ctx.now()),
    buyers: { totalBuyers: buyersOf(facts), totalUnits: soldOf(facts), items, group },
    reviews,
  }
}
