import type { PromoterPolicy, ShopBrief } from '@core/contracts/views'
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
