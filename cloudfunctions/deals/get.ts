import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { getShops, roleInShop } from '../shops/public'
import { DEALS, type DealDoc } from './collections'
import { toDealDetail } from './views'

export async function getDeal(ctx: Ctx, input: Input<'deals', 'get'>): Promise<Output<'deals', 'get'>> {
  const res = await ctx.db.collection(DEALS).doc(input.id).get()
  const deal = (res.data as DealDoc[])[0]
  if (!deal) throw new AppError('DEAL_NOT_FOUND')
  // A draft exists only for its shop: to everyone else it answers exactly like a missing deal.
  if (deal.status === 'draft' && !(await roleInShop(ctx.db, deal.shopId, ctx.caller.openid))) {
    throw new AppError('DEAL_NOT_FOUND')
  }
  const shop = (await getShops(ctx.db, [deal.shopId])).get(deal.shopId)
  if (!shop) throw new AppError('DEAL_NOT_FOUND')
  return toDealDetail(deal, shop, ctx.now())
}
