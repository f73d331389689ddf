import type { Input, Output } from '@core/contracts'
import { orderCountsOf } from '@core/orders/code-counts'
import { requireUser, type Ctx } from '../../server/context'
import { codeStatesOfOrders } from '../redemption/public'
import { ORDERS, type OrderDoc } from './collections'
import { toOrderSummary } from './views'

export async function listMyOrders(ctx: Ctx, input: Input<'orders', 'listMine'>): Promise<Output<'orders', 'listMine'>> {
  const buyer = requireUser(ctx)
  const offset = input.cursor ? Number(input.cursor) : 0
  const res = await ctx.db.collection(ORDERS).where({ buyer }).orderBy('createdAt', 'desc').skip(offset).limit(input.limit + 1).get()
  const docs = res.data as OrderDoc[]
  const page = docs.slice(0, input.limit)
  // The codes of the page's orders in one read, counted as the order page counts them (core/orders/code-counts).
  const codes = await codeStatesOfOrders(ctx.db, page.filter((o) => o.codes.length > 0).map((o) => o._id))
  return {
    items: page.map((o) => {
      const { state, unusedCount } = orderCountsOf(o.status, codes.get(o._id) ?? [])
      return toOrderSummary({ ...o, status: state }, unusedCount)
    }),
    nextCursor: docs.length > input.limit ? String(offset + input.limit) : null,
  }
}
