import type { Input, Output } from '@core/contracts'
import { requireUser, type Ctx } from '../../server/context'
import { ORDERS, type OrderDoc } from './collections'
import { groupCardFor } from './group-card'
import { chatBuyersOfDeal } from './public'

/**
 * orders.groupCard: what a share of a forming group carries. A forged, foreign or other deal's orderId is not an
 * error, just no 本群: the invite still works. Nothing here counts anything.
 */
export async function groupCard(ctx: Ctx, input: Input<'orders', 'groupCard'>): Promise<Output<'orders', 'groupCard'>> {
  const buyer = requireUser(ctx)
  const [card, order] = await Promise.all([
    groupCardFor(ctx, input.dealId),
    input.orderId ? ctx.db.collection(ORDERS).where({ _id: input.orderId, buyer, dealId: input.dealId }).limit(1).get().then((r) => (r.data[0] as OrderDoc | undefined) ?? null) : null,
  ])
  if (!card) return null
  const chat = order?.groupId ? await chatBuyersOfDeal(ctx.db, input.dealId, order.groupId, 1) : null
  return { ...card, chat: chat ? { buyers: chat.buyers, units: chat.units } : null }
}
