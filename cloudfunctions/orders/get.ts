import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { ORDERS, type OrderDoc } from './collections'
import { loadOrderView } from './load-view'

/** Ownership is part of the query: someone else's order is indistinguishable from a missing one. */
export async function findOwnOrder(ctx: Ctx, id: string): Promise<OrderDoc> {
  const buyer = requireUser(ctx)
  const res = await ctx.db.collection(ORDERS).where({ _id: id, buyer }).limit(1).get()
  const order = res.data[0] as OrderDoc | undefined
  if (!order) throw new AppError('ORDER_NOT_FOUND')
  return order
}

export async function getOrder(ctx: Ctx, input: Input<'orders', 'get'>): Promise<Output<'orders', 'get'>> {
  return loadOrderView(ctx, await findOwnOrder(ctx, input.id))
}
