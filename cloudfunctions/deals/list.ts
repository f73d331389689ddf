import type { Input, Output } from '@core/contracts'
import type { DealCard } from '@core/contracts/views'
import { escapeRegex, NEAR_RADIUS_M, normalizeSearch, sortFeed } from '@core/deals/feed'
import type { Ctx } from '../../server/context'
import type { ShopDoc } from '../shops/collections'
import { getShops, shopIdsNamed, shopsNear } from '../shops/public'
import { DEALS, type DealDoc } from './collections'
import { toDealCard } from './views'

/**
 * How many published deals (newest first) the feed orders per request. The order depends on `now` (what is
 * buyable, what ends soon), so it is computed here from core/deals/feed, not by the database; a city's live deals
 * fit well within this.
 */
export const FEED_SCAN = 300

type Card = DealCard & { createdAt: number }

/**
 * The home feed (and a shop's list): filter in the database (status, shop, category, search, nearby shops), order
 * with core/deals/feed, page by offset into that order. Two round trips (three with a search: the shop names).
 */
export async function listDeals(ctx: Ctx, input: Input<'deals', 'list'>): Promise<Output<'deals', 'list'>> {
  const offset = input.cursor ? Number.parseInt(input.cursor, 10) || 0 : 0
  const now = ctx.now()
  const db = ctx.db
  const _ = db.command
  const q = normalizeSearch(input.q)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- where() takes plain objects and commands alike
  const conditions: any[] = [{ status: 'published' }]
  if (input.shopId) conditions.push({ shopId: input.shopId })
  if (input.category) conditions.push({ category: input.category })

  let shops: Map<string, ShopDoc> | null = null
  let distances: Map<string, number> | null = null
  if (input.near) {
    const near = await shopsNear(db, input.near, NEAR_RADIUS_M)
    if (near.size === 0) return { items: [], nextCursor: null }
    shops = new Map([...near].map(([id, n]) => [id, n.shop]))
    distances = new Map([...near].map(([id, n]) => [id, n.distanceM]))
    conditions.push({ shopId: _.in([...near.keys()]) })
  }
  if (q) {
    const pattern = escapeRegex(q)
    const named = await shopIdsNamed(db, pattern)
    const title = { title: db.RegExp({ regexp: pattern, options: 'i' }) }
    conditions.push(named.length ? _.or([title, { shopId: _.in(named) }]) : title)
  }

  const res = await db
    .collection(DEALS)
    .where(conditions.length === 1 ? conditions[0] : _.and(conditions))
    .orderBy('createdAt', 'desc')
    .limit(FEED_SCAN)
    .get()
  const docs = res.data as DealDoc[]
  shops ??= await getShops(db, docs.map((d) => d.shopId))
  const cards: Card[] = docs.map((d) => {
    const card: Card = { ...toDealCard(d, shops!.get(d.shopId), now), createdAt: new Date(d.createdAt).getTime() }
    const m = distances?.get(d.shopId)
    if (m !== undefined) card.distanceM = m
    return card
  })
  const ordered = sortFeed(cards, now, distances ? 'near' : 'feed')
  const page = ordered.slice(offset, offset + input.limit).map(({ createdAt: _c, ...card }) => card)
  return { items: page, nextCursor: ordered.length > offset + input.limit ? String(offset + input.limit) : null }
}
