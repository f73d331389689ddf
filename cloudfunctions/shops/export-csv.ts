import type { Input, Output } from '@core/contracts'
import { periodOf } from '@core/shops/days'
import { settlementCsv } from '@core/shops/settlement'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { dealTitlesOfOrders } from '../orders/public'
import { codesBetween } from '../redemption/public'
import { shopCommissionLines } from '../promoters/public'
import { requireShopRole } from './access'
import { shopMoneyFacts } from './money-facts'

const MAX_DAYS = 92

/** 对账单 of whole China days `from`..`to`: the rows and 合计 of core/shops/settlement, from the dashboard's facts. */
export async function exportCsv(ctx: Ctx, input: Input<'shops', 'exportCsv'>): Promise<Output<'shops', 'exportCsv'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const period = periodOf(input.from, input.to)
  if (!period || period.days > MAX_DAYS) throw new AppError('INVALID_PERIOD')
  const [{ payments, refunds }, redeemed, commission] = await Promise.all([
    shopMoneyFacts(ctx.db, input.shopId, period.fromMs, period.toMs),
    codesBetween(ctx.db, input.shopId, 'redeemed', period.fromMs, period.toMs),
    shopCommissionLines(ctx.db, input.shopId, period.fromMs, period.toMs),
  ])
  // Commission owed to promoters: what a line keeps after any reversal (a refund takes it back).
  const net = (l: { amountFen: number; reversedFen: number; status: string }) => (l.status === 'reversed' ? l.amountFen - l.reversedFen : l.amountFen)

  // Every row names its deal: codes and commission lines know only their order, most of them paid in the period.
  const titles = new Map(payments.map((p) => [p.orderId, p.dealTitle]))
  const unknown = [...refunds, ...redeemed, ...commission].map((x) => x.orderId).filter((id) => !titles.has(id))
  if (unknown.length > 0) for (const [id, title] of await dealTitlesOfOrders(ctx.db, unknown)) titles.set(id, title)
  const dealTitle = (orderId: string) => titles.get(orderId) ?? '团购券'

  const csv = settlementCsv(period, {
    payments,
    refunds: refunds.map((r) => ({ ...r, dealTitle: dealTitle(r.orderId) })),
    redemptions: redeemed.map((c) => ({ at: c.at, fen: c.unitPriceFen, orderId: c.orderId, code: c.code, dealTitle: dealTitle(c.orderId) })),
    commissions: commission.map((l) => ({ at: +l.createdAt, fen: net(l), orderId: l.orderId, code: l.code, dealTitle: dealTitle(l.orderId) })),
  })
  return { filename: `tuanka-${input.shopId}-${input.from}_${input.to}.csv`, csv }
}
