import type { CodeView, OrderSummary, OrderView, TimelineEvent } from '@core/contracts/views'
import { orderCountsOf } from '@core/orders/code-counts'
import type { CodeDoc } from '../redemption/collections'
import type { OrderDoc } from './collections'

const ms = (d: Date | null | undefined) => (d ? +d : null)

export function toOrderSummary(o: OrderDoc, unusedCount: number): OrderSummary {
  return {
    id: o._id,
    dealId: o.dealId,
    dealTitle: o.dealTitle,
    cover: o.cover,
    shopName: o.shopName,
    qty: o.qty,
    amountFen: o.amountFen,
    refundedFen: o.refundedFen,
    state: o.status,
    unusedCount,
    createdAt: +o.createdAt,
    payBefore: +o.payBefore,
  }
}

export function toCodeView(c: CodeDoc): CodeView {
  return { code: c._id, state: c.status, redeemedAt: ms(c.redeemedAt), refundedAt: ms(c.refundedAt), refundReason: c.refundReason }
}

export function toOrderView(o: OrderDoc, codes: CodeDoc[], timeline: TimelineEvent[], now: number): OrderView {
  // The order's own status can lag its codes by one write; what the buyer sees is derived from the codes.
  const { state, unusedCount } = orderCountsOf(o.status, codes.map((c) => c.status))
  return {
    ...toOrderSummary({ ...o, status: state }, unusedCount),
    shopId: o.shopId,
    unitPriceFen: o.unitPriceFen,
    refundedFen: o.refundedFen,
    phone: o.phone,
    paidAt: ms(o.paidAt),
    validStart: +o.validStart,
    validEnd: +o.validEnd,
    codes: codes.map(toCodeView),
    timeline,
    reviewed: timeline.some((e) => e.action === 'review.created'),
    receipt: o.shipping?.state === 'accepted' && o.transactionId && state !== 'refunded' ? { transactionId: o.transactionId, confirmed: !!o.shipping.confirmedAt } : null,
    serverTime: now,
  }
}
