import type { Fen } from '../money/fen'
import type { Millis } from './common'

export type DealStatus = 'draft' | 'published' | 'paused' | 'ended'

/** Whether a deal can be bought right now, and if not, why: computed on the server, shown as is. */
export type SaleState = 'on_sale' | 'not_started' | 'ended' | 'sold_out' | 'paused' | 'draft'

export interface ShopBrief {
  id: string
  name: string
  address: string
  phone: string
  location: { lat: number; lng: number } | null
  hours: string
}

export interface DealCard {
  id: string
  shopId: string
  shopName: string
  title: string
  cover: string
  priceFen: Fen
  originalPriceFen: Fen
  sold: number
  stockLeft: number
  saleStart: Millis
  saleEnd: Millis
  saleState: SaleState
  /** 随时退 and 过期退 are promises of the platform, always true for a group-buy voucher; kept explicit for the badge. */
  refundAnytime: boolean
  refundOnExpiry: boolean
}

export interface DealDetail extends DealCard {
  images: string[]
  validStart: Millis
  validEnd: Millis
  rules: string[]
  description: string
  perUserLimit: number
  shop: ShopBrief
  serverTime: Millis
}

export interface Membership {
  shopId: string
  shopName: string
  role: 'owner' | 'staff'
}

export interface Me {
  openid: string | null
  isAdmin: boolean
  memberships: Membership[]
  promoter: boolean
}
