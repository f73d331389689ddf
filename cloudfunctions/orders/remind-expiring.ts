import type { Ctx } from '../../server/context'
import { notifyUser } from '../../server/notify'
import { codesExpiringSoon } from '../redemption/public'

const THREE_DAYS = 3 * 24 * 3600 * 1000

/** 券码 3 天内到期 reminders: once per order (the outbox id dedupes concurrent and repeated runs). */
export async function remindExpiringCodes(ctx: Ctx, batch = 500): Promise<{ reminded: number }> {
  const codes = await codesExpiringSoon(ctx.db, ctx.now(), THREE_DAYS, batch)
  const byOrder = new Map<string, { buyer: string; count: number; validEnd: Date }>()
  for (const c of codes) {
    const e = byOrder.get(c.orderId) ?? { buyer: c.buyer, count: 0, validEnd: c.validEnd }
    e.count++
    byOrder.set(c.orderId, e)
  }
  for (const [orderId, e] of byOrder) {
    const days = Math.max(1, Math.ceil((+e.validEnd - ctx.now()) / (24 * 3600 * 1000)))
    await notifyUser(ctx.db, `expiring:${orderId}`, { to: e.buyer, kind: 'expiring', title: '券码即将到期', body: `${e.count} 张券码 ${days} 天内到期，未使用将自动退款`, page: `/pages/order/index?id=${orderId}` }, ctx.now())
  }
  return { reminded: byOrder.size }
}
