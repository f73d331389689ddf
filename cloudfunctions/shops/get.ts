import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { getShops, toShopBrief } from './public'

export async function getShop(ctx: Ctx, input: Input<'shops', 'get'>): Promise<Output<'shops', 'get'>> {
  const shop = (await getShops(ctx.db, [input.id])).get(input.id)
  if (!shop) throw new AppError('SHOP_NOT_FOUND')
  return toShopBrief(shop)
}
