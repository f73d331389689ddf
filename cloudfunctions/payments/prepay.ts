import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { payableOrder } from '../orders/public'
import { paymentGateway } from './gateway'

export async function prepay(ctx: Ctx, input: Input<'payments', 'prepay'>): Promise<Output<'payments', 'prepay'>> {
  const buyer = requireUser(ctx)
  const order = await payableOrder(ctx.db, input.orderId, buyer)
  if (order === 'missing') throw new AppError('ORDER_NOT_FOUND')
  if (order === 'not_payable' || order.payBefore.getTime() <= ctx.now()) throw new AppError('ORDER_NOT_PAYABLE')
  return paymentGateway().prepay({
    orderId: order._id,
    amountFen: order.amountFen,
    description: `团卡-${order.dealTitle}`.slice(0, 40),
    openid: buyer,
  })
}
