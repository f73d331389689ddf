import type { PromoterPolicy } from '@core/contracts/views'

/** The shops context owns these collections; other contexts go through ./public.ts. */
export const SHOPS = 'shops'

export interface GeoPoint {
  type: 'Point'
  coordinates: [number, number]
}

/** GeoJSON order: longitude first. */
export const geoOf = (l: { lat: number; lng: number } | null | undefined): GeoPoint | null => (l ? { type: 'Point', coordinates: [l.lng, l.lat] } : null)
export const SHOP_MEMBERS = 'shop_members'
export const INVITES = 'shop_invites'

export interface ShopDoc {
  _id: string
  name: string
  address: string
  phone: string
  location: { lat: number; lng: number; name?: string } | null
  /**
   * The same place as a GeoJSON point, for the 2dsphere index 附近 queries (shops/public shopsNear). Written with
   * location; absent on shops saved before 附近 (they join 附近 when their place is saved again).
   */
  geo?: GeoPoint | null
  hours: string
  /** Only what the owner set; core/promoters/policy fills the defaults. */
  promoterPolicy?: Partial<PromoterPolicy>
  /** Staff see the shop's money; absent is off (core/shops/staff-access). */
  staffSeeRevenue?: boolean
  ownerOpenid: string
  status: 'active' | 'paused'
  createdAt: Date
}

export interface MemberDoc {
  /** `${shopId}:${openid}`: one membership per person per shop, unique by construction. */
  _id: string
  shopId: string
  openid: string
  role: 'owner' | 'staff'
  /** How colleagues and the records name this person (staff have no other profile). */
  name: string
  createdAt: Date
}

export const memberId = (shopId: string, openid: string) => `${shopId}:${openid}`
