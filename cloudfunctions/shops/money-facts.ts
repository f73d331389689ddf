import type { PaidFact } from '@core/shops/settlement'
import type { Db } from '../../server/platform/cloudbase'
import { paidOrdersOfShop } from '../orders/public'
import { codesBetween } from '../redemption/public'

export interface RefundedUnit {
  at: number
  fen: number
  orderId: string
  code: string
}

/**
 * The facts the shop's money is made of in [from, to): every order paid and every unit refunded. The dashboard and
 * the settlement export both read them here and sum them with core/shops/money, so their 收入, 退款 and 净收入 agree.
 */
export async function shopMoneyFacts(
  db: Db,
  shopId: string,
  from: number,
  to: number,
): Promise<{ payments: PaidFact[]; refunds: RefundedUnit[]; liveUnits: Map<string, number> }> {
  const [paid, refunded] = await Promise.all([paidOrdersOfShop(db, shopId, from, to), codesBetween(db, shopId, 'refunded', from, to)])
  return {
    // Units of each paid order not refunded: the dashboard's 已售, the same definition as the deal's (core/deals/counts).
    liveUnits: new Map(paid.map((o) => [o.orderId, o.liveUnits])),
    payments: paid.map((o) => ({ at: o.paidAt, fen: o.amountFen, orderId: o.orderId, dealTitle: o.dealTitle, qty: o.qty })),
    refunds: refunded.map((c) => ({ at: c.at, fen: c.unitPriceFen, orderId: c.orderId, code: c.code })),
  }
}
