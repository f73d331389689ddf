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
  /** 成团: 0 = no minimum. groupUnits counts paid units (real orders only), moved in the payment transaction. */
  groupMin: number
  groupDeadline: Date | null
  groupStatus: 'none' | 'forming' | 'succeeded' | 'failed'
  groupUnits: number
  /**
   * Units taken by checkouts whose order is not written yet, by order id, set in the same write that takes them.
   * Cleared when the order is written; a checkout that died in between is found here and given back.
   */
  holds?: Record<string, { qty: number; buyer: string; token: string; at: Date }>
  holdCount?: number
  status: DealStatus
  createdAt: Date
  updatedAt: Date
}
