import type { Input, Output } from '@core/contracts'
import type { DayStats } from '@core/contracts/views'
import { lastDays, periodOf } from '@core/shops/days'
import { groupByDay, moneyByDay, moneyOf } from '@core/shops/money'
import type { Ctx } from '../../server/context'
import { codesByDay } from '../redemption/public'
import { requireShopReader } from './access'
import { shopMoneyFacts } from './money-facts'

const DAYS = 30

/** Today and the last 30 China days of the shop (ending with the day of the call's `now`): counts, and apart, money. */
export async function dashboard(ctx: Ctx, input: Input<'shops', 'dashboard'>): Promise<Output<'shops', 'dashboard'>> {
  const { seesMoney } = await requireShopReader(ctx, input.shopId)
  const days = lastDays(ctx.now(), DAYS)
  const period = periodOf(days[0], days[DAYS - 1])!
  const [{ payments, refunds, liveUnits }, redeemed] = await Promise.all([
    shopMoneyFacts(ctx.db, input.shopId, period.fromMs, period.toMs),
    codesByDay(ctx.db, input.shopId, 'redeemed', period.fromMs, period.toMs),
  ])
  const paidOn = groupByDay(payments)
  const refundedOn = groupByDay(refunds)
  const daily: DayStats[] = days.map((day) => ({
    day,
    orders: paidOn.get(day)?.length ?? 0,
    // Units sold on the day and not refunded since (redeemed ones stay sold), as 已售 counts them.
    units: (paidOn.get(day) ?? []).reduce((a, p) => a + (liveUnits.get(p.orderId) ?? 0), 0),
    redemptions: redeemed.get(day)?.n ?? 0,
    refunds: refundedOn.get(day)?.length ?? 0,
  }))
  const sum = (k: Exclude<keyof DayStats, 'day'>) => daily.reduce((a, d) => a + d[k], 0)
  const money = moneyByDay(days, payments, refunds)
  return {
    today: daily[DAYS - 1],
    last30: { day: `${period.from}~${period.to}`, orders: sum('orders'), units: sum('units'), redemptions: sum('redemptions'), refunds: sum('refunds') },
    daily,
    // Staff the owner keeps the money from get the counts only (core/shops/staff-access).
    money: seesMoney ? { today: money[DAYS - 1], last30: { from: period.from, to: period.to, ...moneyOf(payments, refunds) }, daily: money } : null,
  }
}
