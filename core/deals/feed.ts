import type { SaleState } from '../contracts/views'

/**
 * The home feed's order, defined once: what can be bought now first (ending soon, then popular, then new), then
 * what opens soon (soonest first), then what cannot be bought (sold out, ended, paused) last.
 */
export interface FeedFacts {
  id: string
  saleState: SaleState
  saleStart: number
  saleEnd: number
  sold: number
  createdAt: number
  /** Metres from the buyer; null when the shop has no place or the buyer gave none. */
  distanceM?: number | null
}

/** A buyable deal whose sale ends within this long is "ending soon" and leads the feed. */
export const ENDING_SOON_MS = 24 * 3600 * 1000
/** 附近 shows shops within this distance. */
export const NEAR_RADIUS_M = 30_000

/** 0 buyable, 1 upcoming, 2 cannot be bought. */
export function feedTier(state: SaleState): 0 | 1 | 2 {
  if (state === 'on_sale') return 0
  if (state === 'not_started') return 1
  return 2
}

const byId = (a: FeedFacts, b: FeedFacts) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function compareFeed(a: FeedFacts, b: FeedFacts, now: number): number {
  const ta = feedTier(a.saleState)
  const tb = feedTier(b.saleState)
  if (ta !== tb) return ta - tb
  if (ta === 0) {
    const sa = a.saleEnd - now <= ENDING_SOON_MS
    const sb = b.saleEnd - now <= ENDING_SOON_MS
    if (sa !== sb) return sa ? -1 : 1
    if (sa && a.saleEnd !== b.saleEnd) return a.saleEnd - b.saleEnd
  }
  if (ta === 1 && a.saleStart !== b.saleStart) return a.saleStart - b.saleStart
  if (ta !== 1 && a.sold !== b.sold) return b.sold - a.sold
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return byId(a, b)
}

/** 附近: nearest first among what can be bought or opens soon; what cannot be bought stays last. */
export function compareNear(a: FeedFacts, b: FeedFacts, now: number): number {
  const ia = feedTier(a.saleState) === 2
  const ib = feedTier(b.saleState) === 2
  if (ia !== ib) return ia ? 1 : -1
  const da = a.distanceM ?? Infinity
  const db = b.distanceM ?? Infinity
  if (da !== db) return da < db ? -1 : 1
  return compareFeed(a, b, now)
}

export function sortFeed<T extends FeedFacts>(items: readonly T[], now: number, mode: 'feed' | 'near' = 'feed'): T[] {
  const cmp = mode === 'near' ? compareNear : compareFeed
  return [...items].sort((a, b) => cmp(a, b, now))
}

export interface LatLng {
  lat: number
  lng: number
}

/** Great-circle distance in whole metres (haversine; plenty for "which shop is nearer"). */
export function distanceM(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h))))
}

/** The longest search the database is asked for; longer input is cut here (the contract bounds the request). */
export const SEARCH_MAX = 40

/**
 * What a typed search means: control characters dropped, spaces collapsed, cut to SEARCH_MAX characters (by code
 * point, so an emoji is never split). Empty means "no search".
 */
export function normalizeSearch(raw: string | undefined): string {
  if (!raw) return ''
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim()
  return Array.from(cleaned).slice(0, SEARCH_MAX).join('').trim()
}

/** The search as a literal pattern: every regex metacharacter escaped, so input can only ever match itself. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
