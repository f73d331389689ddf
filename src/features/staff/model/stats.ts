import type { DayStats } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'

export type Metric = 'revenueFen' | 'orders' | 'units' | 'redemptions' | 'refunds'

export const METRICS: { key: Metric; label: string }[] = [
  { key: 'revenueFen', label: '收入' },
  { key: 'orders', label: '订单' },
  { key: 'redemptions', label: '核销' },
  { key: 'refunds', label: '退款' },
]

/** A metric's value as shown: money in yuan with ¥, counts as numbers with their unit. */
export function metricText(metric: Metric, d: DayStats): string {
  switch (metric) {
    case 'revenueFen':
      return `¥${formatYuan(d.revenueFen)}`
    case 'orders':
      return `${d.orders} 单`
    case 'units':
      return `${d.units} 份`
    case 'redemptions':
      return `${d.redemptions} 张`
    case 'refunds':
      return `${d.refunds} 张`
  }
}

export interface Bar {
  day: string
  value: number
  /** Height in percent of the chart (0 for nothing, at least 3 so a small day is still visible). */
  heightPct: number
}

/** One bar per day, scaled to the busiest day of the period. */
export function barsOf(days: DayStats[], metric: Metric): { bars: Bar[]; max: number } {
  const max = days.reduce((m, d) => Math.max(m, d[metric]), 0)
  return {
    max,
    bars: days.map((d) => ({ day: d.day, value: d[metric], heightPct: d[metric] === 0 || max === 0 ? 0 : Math.max(3, Math.round((d[metric] / max) * 100)) })),
  }
}

/** The headline numbers of a period, in display order. */
export function statTiles(d: DayStats): { label: string; value: string; hint?: string }[] {
  return [
    { label: '订单', value: String(d.orders) },
    { label: '售出', value: `${d.units}`, hint: '份' },
    { label: '收入', value: `¥${formatYuan(d.revenueFen)}` },
    { label: '核销', value: `${d.redemptions}`, hint: '张' },
    { label: '退款', value: `${d.refunds}`, hint: d.refunds > 0 ? `张 · ¥${formatYuan(d.refundedFen)}` : '张' },
  ]
}
