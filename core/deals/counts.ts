import type { DealStatus, SaleState } from '../contracts/views'

/**
 * One definition of every count a deal shows (已售, 剩余, 已拼 x/y, 接龙 people and units, 本群 N 人, the owner's
 * status), all from the same facts: paid units not refunded. A unit counts from the moment its payment is applied
 * (a forming group's units are sold and joined), stays counted when redeemed, and stops counting when its refund is
 * booked (a failed group refunds every unit). Unpaid checkouts are not sold: they only hold stock.
 */

/** The deal's stored counters, moved by the payment and refund transactions (cloudfunctions/deals/public). */
export interface DealCountFacts {
  /** Units still for sale (what checkouts, paid or not, have not taken). */
  stock: number
  /** Paid units not refunded, over all buyers. */
  liveUnits: number
  /** Buyers holding at least one paid unit not refunded. */
  liveBuyers: number
}

/** 已售 */
export const soldOf = (d: DealCountFacts): number => Math.max(0, d.liveUnits)

/** 剩余: what a buyer can still take now. */
export const leftOf = (d: DealCountFacts): number => Math.max(0, d.stock)

/** 接龙 people (and 成团 by buyers). */
export const buyersOf = (d: DealCountFacts): number => Math.max(0, d.liveBuyers)

/** 已拼 x of a group minimum counted in units or in buyers. */
export const groupCountOf = (d: DealCountFacts, by: 'units' | 'buyers'): number => (by === 'buyers' ? buyersOf(d) : soldOf(d))

/** The per-order facts the buyer lists read. */
export interface OrderUnitFacts {
  qty: number
  /** Units of this order whose refund is booked (moved in the refund transaction). */
  refundedUnits?: number
  refundedFen: number
  unitPriceFen: number
}

/** Order states whose units can be live: paid and waiting for its group, paid, or used (partly refunded ones too). */
export const LIVE_ORDER_STATES = ['grouping', 'paid', 'completed'] as const

/** Paid units of one order not refunded. Orders written before refundedUnits existed derive it from the money. */
export function liveUnitsOfOrder(o: OrderUnitFacts): number {
  const refunded = o.refundedUnits ?? (o.unitPriceFen > 0 ? Math.round(o.refundedFen / o.unitPriceFen) : 0)
  return Math.max(0, o.qty - refunded)
}

/** People and units of a set of live orders (a WeChat group's 本群 N 人): a buyer counts once, when they hold units. */
export function buyerTotalsOf(orders: readonly (OrderUnitFacts & { buyer: string })[]): { buyers: number; units: number } {
  const perBuyer = new Map<string, number>()
  for (const o of orders) perBuyer.set(o.buyer, (perBuyer.get(o.buyer) ?? 0) + liveUnitsOfOrder(o))
  let buyers = 0
  let units = 0
  for (const u of perBuyer.values()) {
    if (u > 0) buyers++
    units += u
  }
  return { buyers, units }
}

/** The one status the owner's deal list shows for a deal: its own status, or for a published one, why it sells or not. */
export type OwnerDealStatus = 'draft' | 'on_sale' | 'not_started' | 'sale_ended' | 'sold_out' | 'paused' | 'ended'

export function ownerDealStatusOf(status: DealStatus, saleState: SaleState): OwnerDealStatus {
  if (status === 'draft') return 'draft'
  if (status === 'ended') return 'ended'
  if (status === 'paused' || saleState === 'paused') return 'paused'
  if (saleState === 'not_started') return 'not_started'
  if (saleState === 'ended') return 'sale_ended'
  if (saleState === 'sold_out') return 'sold_out'
  return 'on_sale'
}

export const OWNER_DEAL_STATUS_LABELS: Record<OwnerDealStatus, string> = {
  draft: '草稿',
  on_sale: '售卖中',
  not_started: '未开始',
  sale_ended: '已过售卖期',
  sold_out: '已售罄',
  paused: '已暂停',
  ended: '已结束',
}
