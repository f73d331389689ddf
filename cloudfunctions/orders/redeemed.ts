import type { Ctx } from '../../server/context'
import type { OutgoingMessage } from '../../server/platform/messages'
import { readOrder, settleFromCodes } from './with-codes'

/** What the buyer is told of a confirmation: 核销成功, one message per order and confirmation. */
export function redeemedMessage(o: { orderId: string; buyer: string; dealTitle: string; shopName: string }, redeemed: string[], now: number): { key: string; m: OutgoingMessage } {
  const body = `${o.dealTitle} ${redeemed.length} 份已在 ${o.shopName} 核销`
  return { key: `redeemed:${redeemed[0]}:${now}`, m: { to: o.buyer, kind: 'redeemed', title: '券码已核销', body, page: `/pages/order/index?id=${o.orderId}` } }
}

/**
 * What a confirmation leaves to the order, from one read of it and its codes (after the codes moved): paid ->
 * completed once its codes say so (`settle`), and the buyer's message for the codes redeemed now (null if none),
 * for the caller to send with the confirmation's other messages.
 */
export async function afterRedemption(ctx: Ctx, orderId: string, e: { settle: boolean; redeemed: string[]; now: number }): Promise<{ key: string; m: OutgoingMessage } | null> {
  const read = await readOrder(ctx, orderId)
  if (!read) return null
  const { order, codes } = read
  if (e.settle) await settleFromCodes(ctx, orderId, codes.map((c) => c.status))
  return e.redeemed.length ? redeemedMessage({ orderId, buyer: order.buyer, dealTitle: order.dealTitle, shopName: order.shopName }, e.redeemed, e.now) : null
}
