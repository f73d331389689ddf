import type { DayMoney, DayStats } from '@core/contracts/views'
import { formatYuanFixed } from '@core/money/format-yuan'

/** A series the daily chart can draw: its chip label, a day's value, and how a value reads. */
export interface Metric<T> {
  key: string
  label: string
  value: (d: T) => number
  text: (n: number) => string
}

/** Money as the dashboard and the settlement export write it: yuan with two decimals, "-¥68.00" when negative. */
export function yuanText(fen: number): string {
  return fen < 0 ? `-¥${formatYuanFixed(-fen)}` : `¥${formatYuanFixed(fen)}`
}

export const COUNT_METRICS: Metric<DayStats>[] = [
  { key: 'orders', label: '订单', value: (d) => d.orders, text: (n) => `${n} 单` },
  { key: 'units', label: '售出', value: (d) => d.units, text: (n) => `${n} 份` },
  { key: 'redemptions', label: '核销', value: (d) => d.redemptions, text: (n) => `${n} 张` },
  { key: 'refunds', label: '退款', value: (d) => d.refunds, text: (n) => `${n} 张` },
]

export const MONEY_METRICS: Metric<DayMoney>[] = [
  { key: 'netFen', label: '净收入', value: (d) => d.netFen, text: yuanText },
  { key: 'grossFen', label: '收入', value: (d) => d.grossFen, text: yuanText },
  { key: 'refundedFen', label: '退款', value: (d) => d.refundedFen, text: yuanText },
]

export interface Bar {
  day: string
  value: number
  /** Height in percent of the chart (0 for nothing, at least 3 so a small day is still visible). */
  heightPct: number
  /** Below zero (a day whose refunds exceed its sales): drawn as tall as its size, in another colour. */
  negative: boolean
}

/** One bar per day, scaled to the day of the period furthest from zero. */
export function barsOf<T extends { day: string }>(days: readonly T[], metric: Metric<T>): { bars: Bar[]; max: number } {
  const values = days.map((d) => metric.value(d))
  const max = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
  return {
    max,
    bars: days.map((d, i) => {
      const v = values[i]
      return { day: d.day, value: v, negative: v < 0, heightPct: v === 0 || max === 0 ? 0 : Math.max(3, Math.round((Math.abs(v) / max) * 100)) }
    }),
  }
}

/** The headline counts of a period, in display order. */
export function statTiles(d: DayStats): { label: string; value: string; hint?: string }[] {
  return [
    { label: '订单', value: String(d.orders) },
    { label: '售出', value: `${d.units}`, hint: '份' },
    { label: '核销', value: `${d.redemptions}`, hint: '张' },
    { label: '退款', value: `${d.refunds}`, hint: '张' },
  ]
}
