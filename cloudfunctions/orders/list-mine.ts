import type { Input, Output } from '@core/contracts'
import { requireUser, type Ctx } from '../../server/context'
import { ORDERS, type OrderDoc } from './collections'
import { toOrderSummary } from './views'

export async function listMyOrders(ctx: Ctx, input: Input<'orders', 'listMine'>): Promise<Output<'orders', 'listMine'>> {
  const buyer = requireUser(ctx)
  const offset = input.cursor ? Number(input.cursor) : 0
  const res = await ctx.db.collection(ORDERS).where({ buyer }).orderBy('createdAt', 'desc').skip(offset).limit(input.limit + 1).get()
  const docs = res.data as OrderDoc[]
  const page = docs.slice(0, input.limit)
  return {
    // The list shows the order's own status; the unused count comes with the detail page, which reads the codes.
    items: page.map((o) => toOrderSummary(o, o.status === 'paid' ? o.qty : 0)),
    nextCursor: docs.length > input.limit ? String(offset + input.limit) : null,
  }
}
