import type { DealStatus } from '@core/contracts/views'

export const DEALS = 'deals'

export interface DealDoc {
  _id: string
  shopId: string
  title: string
  images: string[]
  priceFen: number
  originalPriceFen: number
  /** Units still for sale. Only ever changed by conditional atomic updates (`stock >= qty`). */
  stock: number
  sold: number
  perUserLimit: number
  saleStart: Date
  saleEnd: Date
  validStart: Date
  validEnd: Date
  rules: string[]
  description: string
  commissionBps: number
  status: DealStatus
  createdAt: Date
  updatedAt: Date
}
