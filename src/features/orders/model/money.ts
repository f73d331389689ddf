import type { OrderSummary } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'

export interface MoneyLine {
  label: string
  value: string
  tone?: 'price' | 'trust'
}

/**
 * What the buyer paid, what came back and what is left, as lines: a partly refunded ¥136 order reads
 * 实付金额 ¥136 / 已退款 −¥68 / 实际支付 ¥68, never 实付 ¥136 alone. Unpaid and closed orders have one line.
 */
export function moneyLines(o: Pick<OrderSummary, 'amountFen' | 'refundedFen' | 'state'>): MoneyLine[] {
  if (o.state === 'pending_payment') return [{ label: '订单金额', value: `¥${formatYuan(o.amountFen)}`, tone: 'price' }]
  if (o.state === 'closed') return [{ label: '订单金额', value: `¥${formatYuan(o.amountFen)}` }]
  if (o.refundedFen <= 0) return [{ label: '实付金额', value: `¥${formatYuan(o.amountFen)}`, tone: 'price' }]
  const kept = o.amountFen - o.refundedFen
  return [
    { label: '实付金额', value: `¥${formatYuan(o.amountFen)}` },
    { label: '已退款', value: `−¥${formatYuan(o.refundedFen)}`, tone: 'trust' },
    { label: kept > 0 ? '实际支付' : '全部退回', value: `¥${formatYuan(kept)}`, tone: kept > 0 ? 'price' : undefined },
  ]
}

/** The list row's one line: "实付 ¥136 · 已退 ¥68". */
export function moneyShort(o: Pick<OrderSummary, 'amountFen' | 'refundedFen' | 'state'>): string {
  const head = `${o.state === 'pending_payment' ? '待付' : o.state === 'closed' ? '金额' : '实付'} ¥${formatYuan(o.amountFen)}`
  return o.refundedFen > 0 && o.state !== 'pending_payment' && o.state !== 'closed' ? `${head} · 已退 ¥${formatYuan(o.refundedFen)}` : head
}
