import type { Input, Output } from '@core/contracts'
import type { Ctx } from '../../server/context'
import { getShops } from '../shops/public'
import { DEALS, type DealDoc } from './collections'
import { toDealCard } from './views'

/** Cursor is an opaque offset: the home list is short and ordered by publication, so skip is cheap enough. */
export async function listDeals(ctx: Ctx, input: Input<'deals', 'list'>): Promise<Output<'deals', 'list'>> {
  const offset = input.cursor ? Number.parseInt(input.cursor, 10) || 0 : 0
  const where: Record<string, unknown> = { status: 'published' }
  if (input.shopId) where.shopId = input.shopId
  const res = await ctx.db
    .collection(DEALS)
    .where(where)
    .orderBy('createdAt', 'desc')
    .skip(offset)
    .limit(input.limit + 1)
    .get()
  const docs = res.data as DealDoc[]
  const page = docs.slice(0, input.limit)
  const shops = await getShops(ctx.db, page.map((d) => d.shopId))
  const now = ctx.now()
  return {
    items: page.map((d) => toDealCard(d, shops.get(d.shopId), now)),
    nextCursor: docs.length > input.limit ? String(offset + input.limit) : null,
  }
}
