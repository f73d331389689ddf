import type { PromoterPolicy, ShopBrief } from '@core/contracts/views'
import type { LatLng } from '@core/deals/feed'
import { policyOf } from '@core/promoters/policy'
import type { Db } from '../../server/platform/cloudbase'
import { memberId, SHOP_MEMBERS, SHOPS, type MemberDoc, type ShopDoc } from './collections'

/** What other contexts may ask the shops context. They never read its collections directly. */

export function toShopBrief(s: ShopDoc): ShopBrief {
  return { id: s._id, name: s.name, address: s.address, phone: s.phone, location: s.location ?? null, hours: s.hours, promoterPolicy: policyOf(s.promoterPolicy) }
}

/** A shop's effective promoter policy (defaults for a shop that is missing or never set one). */
export async function promoterPolicyOf(db: Db, shopId: string): Promise<PromoterPolicy> {
  return policyOf((await getShops(db, [shopId])).get(shopId)?.promoterPolicy)
}

export async function getShops(db: Db, ids: string[]): Promise<Map<string, ShopDoc>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const _ = db.command
  const res = await db.collection(SHOPS).where({ _id: _.in(unique) }).limit(1000).get()
  return new Map((res.data as ShopDoc[]).map((s) => [s._id, s]))
}

export async function roleInShop(db: Db, shopId: string, openid: string | null): Promise<MemberDoc['role'] | null> {
  if (!openid) return null
  const res = await db.collection(SHOP_MEMBERS).doc(memberId(shopId, openid)).get()
  const m = (res.data as MemberDoc[])[0]
  return m ? m.role : null
}

export async function membershipsOf(db: Db, openid: string): Promise<MemberDoc[]> {
  const res = await db.collection(SHOP_MEMBERS).where({ openid }).limit(100).get()
  return res.data as MemberDoc[]
}

export async function memberNames(db: Db, ids: { shopId: string; openid: string }[]): Promise<Map<string, string>> {
  const _ = db.command
  const keys = [...new Set(ids.map((i) => memberId(i.shopId, i.openid)))]
  if (!keys.length) return new Map()
  const res = await db.collection(SHOP_MEMBERS).where({ _id: _.in(keys) }).limit(1000).get()
  return new Map((res.data as MemberDoc[]).map((m) => [m._id, m.name]))
}
export { requireShopReader, requireShopRole } from './access'

/** Where shops are kept, for a caller that joins a shop to its own read (orders/place: the deal's shop, by its shopId). */
export const shopJoin = { from: SHOPS, localField: 'shopId' } as const
export type { ShopDoc }

/** Shops whose name contains `pattern` (an escaped regex: literal text), case-insensitive; their ids. */
export async function shopIdsNamed(db: Db, pattern: string): Promise<string[]> {
  const res = await db.collection(SHOPS).where({ name: db.RegExp({ regexp: pattern, options: 'i' }) }).field({ _id: true }).limit(100).get()
  return (res.data as { _id: string }[]).map((s) => s._id)
}

/**
 * Shops within `radiusM` of a point, nearest first, with their distance in metres: the database's geo query
 * (aggregate geoNear on the 2dsphere index of `geo`), one round trip whatever the number of shops.
 */
export async function shopsNear(db: Db, point: LatLng, radiusM: number): Promise<Map<string, { shop: ShopDoc; distanceM: number }>> {
  const res = await db
    .collection(SHOPS)
    .aggregate()
    .geoNear({ near: new db.Geo.Point(point.lng, point.lat), distanceField: 'distanceM', spherical: true, maxDistance: radiusM, key: 'geo', query: { status: 'active' } })
    .limit(1000)
    .end()
  const out = new Map<string, { shop: ShopDoc; distanceM: number }>()
  for (const { distanceM, ...shop } of res.data as (ShopDoc & { distanceM: number })[]) out.set(shop._id, { shop, distanceM: Math.round(distanceM) })
  return out
}
