import type { Input, Output } from '@core/contracts'
import { formatYuanFixed } from '@core/money/format-yuan'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { paidOrdersBetween } from '../orders/public'
import { codesBetween } from '../redemption/public'
import { shopCommissionLines } from '../promoters/public'
import { requireShopRole } from './access'
import { chinaDayStart, DAY_MS } from './days'

const MAX_DAYS = 92

/** RFC 4180 quoting; a leading =,+,-,@ is neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(v: string | number): string {
  let s = String(v)
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const formatSigned = (fen: number) => (fen < 0 ? `-${formatYuanFixed(-fen)}` : formatYuanFixed(fen))

const time = (d: Date | null | undefined) => (d ? new Date(+d + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ') : '')

export async function exportCsv(ctx: Ctx, input: Input<'shops', 'exportCsv'>): Promise<Output<'shops', 'exportCsv'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const from = chinaDayStart(input.from)
  const to = chinaDayStart(input.to) + DAY_MS
  if (!(from < to) || (to - from) / DAY_MS > MAX_DAYS) throw new AppError('INVALID_PERIOD')
  const [orders, redeemed, refunded, commission] = await Promise.all([
    paidOrdersBetween(ctx.db, input.shopId, from, to),
    codesBetween(ctx.db, input.shopId, 'redeemed', from, to),
    codesBetween(ctx.db, input.shopId, 'refunded', from, to),
    shopCommissionLines(ctx.db, input.shopId, from, to),
  ])
  const rows: (string | number)[][] = [['类型', '时间', '订单号', '券码', '团购', '份数', '金额(元)']]
  for (const o of orders) rows.push(['支付', time(o.paidAt), o._id, '', o.dealTitle, o.qty, formatYuanFixed(o.amountFen)])
  for (const c of redeemed) rows.push(['核销', time(c.redeemedAt), c.orderId, c._id, '', 1, formatYuanFixed(c.unitPriceFen)])
  for (const c of refunded) rows.push(['退款', time(c.refundedAt), c.orderId, c._id, '', 1, `-${formatYuanFixed(c.unitPriceFen)}`])
  // Commission owed to promoters: what a line keeps after any reversal (a refund takes it back).
  const net = (l: { amountFen: number; reversedFen: number; status: string }) => (l.status === 'reversed' ? l.amountFen - l.reversedFen : l.amountFen)
  for (const l of commission) rows.push(['推广佣金', time(l.createdAt), l.orderId, l.code, '', 1, formatSigned(-net(l))])
  const total = (list: { unitPriceFen: number }[]) => list.reduce((a, c) => a + c.unitPriceFen, 0)
  rows.push([])
  rows.push(['合计', '', '', '', '支付', orders.reduce((a, o) => a + o.qty, 0), formatYuanFixed(orders.reduce((a, o) => a + o.amountFen, 0))])
  rows.push(['合计', '', '', '', '核销', redeemed.length, formatYuanFixed(total(redeemed))])
  rows.push(['合计', '', '', '', '退款', refunded.length, `-${formatYuanFixed(total(refunded))}`])
  rows.push(['合计', '', '', '', '推广佣金', commission.length, formatSigned(-commission.reduce((a, l) => a + net(l), 0))])
  // BOM so Excel opens UTF-8 Chinese correctly.
  const csv = '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
  return { filename: `tuanka-${input.shopId}-${input.from}_${input.to}.csv`, csv }
}
