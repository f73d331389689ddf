import type { Ctx } from '../../server/context'
import { notifyUser } from '../../server/notify'
import { readOrder, settleFromCodes } from './with-codes'

/**
 * What a confirmation leaves to the order, from one read of it and its codes (after the codes moved): paid ->
 * completed once its codes say so (`settle`), and the buyer told of the codes redeemed now (核销成功, one message
 * per order and confirmation, with a 'redeemed' consent when they gave one).
 */
export async function afterRedemption(ctx: Ctx, orderId: string, e: { settle: boolean; redeemed: string[]; now: number }): Promise<void> {
  const read = await readOrder(ctx, orderId)
  if (!read) return
  const { order, codes } = read
  const body = `${order.dealTitle} ${e.redeemed.length} 份已在 ${order.shopName} 核销`
  await Promise.all([
    e.settle ? settleFromCodes(ctx, orderId, codes.map((c) => c.status)) : null,
    // The codes are redeemed whatever happens to the message: a failed outbox write must not tell the counter INTERNAL.
    e.redeemed.length
      ? notifyUser(ctx.db, `redeemed:${e.redeemed[0]}:${e.now}`, { to: order.buyer, kind: 'redeemed', title: '券码已核销', body, page: `/pages/order/index?id=${orderId}` }, e.now).catch((err) => {
          console.error('redeemed notification failed', err)
        })
      : null,
  ])
}
