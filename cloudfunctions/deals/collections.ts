import type { DealStatus } from '@core/contracts/views'
import type { DealCategory } from '@core/deals/categories'
import { groupCountOf as coreGroupCountOf, type DealCountFacts } from '@core/deals/counts'

export const DEALS = 'deals'
/** Reviews: `_id` is the order id, so one review per order by construction. */
export const REVIEWS = 'reviews'

export interface DealDoc {
  _id: string
  shopId: string
  title: string
  images: string[]
  priceFen: number
  originalPriceFen: number
  /** Units still for sale. Only ever changed by conditional atomic updates (`stock >= qty`). */
  stock: number
  /**
   * Units taken from stock by checkouts, paid or not (initial stock = stock + sold). Not what buyers see as 已售:
   * that is groupUnits (core/deals/counts).
   */
  sold: number
  perUserLimit: number
  saleStart: Date
  saleEnd: Date
  validStart: Date
  validEnd: Date
  rules: string[]
  description: string
  commissionBps: number
  /** The shop's category for the deal (core/deals/categories); absent on deals filed before categories. */
  category?: DealCategory
  /**
   * 成团: 0 = no minimum. groupUnits counts paid units not refunded of every order (grouped or not, real orders
   * only), moved in the payment transaction and in each refund's: the deal's 已售, 接龙 units and 已拼.
   */
  groupMin: number
  groupDeadline: Date | null
  groupStatus: 'none' | 'forming' | 'succeeded' | 'failed'
  groupUnits: number
  /** What the minimum counts (absent on older deals: units); groupBuyers counts buyers with live paid units (接龙 people). */
  groupBy?: 'units' | 'buyers'
  groupBuyers?: number
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

/** A buyer's live paid units of a deal (`${dealId}:${buyer}`), so buyers are counted once each. */
export const GROUP_MEMBERS = 'group_members'

/** The counter a deal's group minimum is measured on. */
export const groupCountField = (d: Pick<DealDoc, 'groupBy'>): 'groupUnits' | 'groupBuyers' => (d.groupBy === 'buyers' ? 'groupBuyers' : 'groupUnits')
export const groupCountOf = (d: Pick<DealDoc, 'groupBy' | 'groupUnits' | 'groupBuyers' | 'stock'>): number => coreGroupCountOf(countFactsOf(d), d.groupBy ?? 'units')

/** The stored facts every count of a deal is computed from (core/deals/counts). */
export const countFactsOf = (d: Pick<DealDoc, 'groupUnits' | 'groupBuyers' | 'stock'>): DealCountFacts => ({ stock: d.stock, liveUnits: d.groupUnits ?? 0, liveBuyers: d.groupBuyers ?? 0 })
