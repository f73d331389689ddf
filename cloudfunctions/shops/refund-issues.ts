import type { Input, Output } from '@core/contracts'
import type { RefundIssue } from '@core/contracts/views'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { bookSettledRefund, getOrderDoc } from '../orders/public'
import { abnormalRefunds, getRefund, refundPayment } from '../payments/public'
import { requireShopRole } from './access'

/** The shop's 退款异常 refunds, for the owner to fix in WeChat Pay's merchant platform. */
export async function refundIssues(ctx: Ctx, input: Input<'shops', 'refundIssues'>): Promise<Output<'shops', 'refundIssues'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const refunds = await abnormalRefunds(ctx.db)
  const orders = await Promise.all(refunds.map((r) => getOrderDoc(ctx.db, r.orderId)))
  const issues: RefundIssue[] = []
  refunds.forEach((r, i) => {
    const o = orders[i]
    if (o?.shopId !== input.shopId) return
    issues.push({ refundNo: r._id, orderId: o._id, dealTitle: o.dealTitle, refundFen: r.refundFen, since: +(r.abnormalAt ?? r.createdAt) })
  })
  return issues
}

/**
 * 重新查询: the timer's own path (bookSettledRefund -> finishCodeRefund -> refundPayment, which re-queries a
 * processing or abnormal refund and never re-requests it), now instead of at the next tick. A settled refund is left
 * as it is and reported.
 */
export async function retryRefund(ctx: Ctx, input: Input<'shops', 'retryRefund'>): Promise<Output<'shops', 'retryRefund'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const before = await getRefund(ctx.db, input.refundNo)
  const order = before && (await getOrderDoc(ctx.db, before.orderId))
  // Another shop's refund answers exactly like a missing one.
  if (!before || order?.shopId !== input.shopId) throw new AppError('REFUND_NOT_FOUND')
  if (before.status === 'succeeded') return { refundNo: before._id, status: before.status }
  // A late payment's full refund (L<order>) is booked by the payment callback's retry: only its record moves here.
  if (before._id.startsWith('R')) await bookSettledRefund(ctx, order._id, before._id)
  else await refundPayment(ctx.db, { orderId: order._id, refundNo: before._id, totalFen: before.totalFen, refundFen: before.refundFen, now: ctx.now() })
  const status = (await getRefund(ctx.db, before._id))?.status ?? before.status
  await audit(ctx, { entity: 'refund', entityId: before._id, orderId: order._id, action: 'refund.requeried', from: before.status, to: status })
  return { refundNo: before._id, status }
}
