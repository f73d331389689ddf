import type { Input, Output } from '@core/contracts'
import type { DayStats } from '@core/contracts/views'
import type { Ctx } from '../../server/context'
import { paidOrdersByDay } from '../orders/public'
import { codesByDay } from '../redemption/public'
import { requireShopRole } from './access'
import { chinaDayStart, DAY_MS, lastDays } from './days'

export async function dashboard(ctx: Ctx, input: Input<'shops', 'dashboard'>): Promise<Output<'shops', 'dashboard'>> {
  await requireShopRole(ctx, input.shopId, ['owner', 'staff'])
  const days = lastDays(ctx.now(), 30)
  const from = chinaDayStart(days[0])
  const to = chinaDayStart(days[days.length - 1]) + DAY_MS
  const [orders, redeemed, refunded] = await Promise.all([
    paidOrdersByDay(ctx.db, input.shopId, from, to),
    codesByDay(ctx.db, input.shopId, 'redeemed', from, to),
    codesByDay(ctx.db, input.shopId, 'refunded', from, to),
  ])
  const daily: DayStats[] = days.map((day) => ({
    day,
    orders: orders.get(day)?.n ?? 0,
    units: orders.get(day)?.units ?? 0,
    revenueFen: orders.get(day)?.revenueFen ?? 0,
    redemptions: redeemed.get(day)?.n ?? 0,
    refunds: refunded.get(day)?.n ?? 0,
    refundedFen: refunded.get(day)?.valueFen ?? 0,
  }))
  const sum = (k: Exclude<keyof DayStats, 'day'>) => daily.reduce((a, d) => a + d[k], 0)
  return {
    today: daily[daily.length - 1],
    last30: { day: `${days[0]}~${days[days.length - 1]}`, orders: sum('orders'), units: sum('units'), revenueFen: sum('revenueFen'), redemptions: sum('redemptions'), refunds: sum('refunds'), refundedFen: sum('refundedFen') },
    daily,
  }
}
