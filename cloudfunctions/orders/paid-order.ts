import type { PaidOrder } from '../promoters/hooks'
import type { OrderDoc } from './collections'
import { maskName } from './mask-name'

/** The paid order as the commission ledger needs it. */
export function paidOrderOf(o: OrderDoc, now: number): PaidOrder {
  return {
    orderId: o._id, promoter: o.promoter, commissionBps: o.commissionBps, unitPriceFen: o.unitPriceFen, codes: o.codes,
    dealId: o.dealId, dealTitle: o.dealTitle, shopId: o.shopId, shopName: o.shopName, buyerMasked: maskName(o.nickname),
    paidAt: +(o.paidAt ?? now), validEnd: +o.validEnd, now,
  }
}

