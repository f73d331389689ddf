import type { Fen } from '../money/fen'
import type { DayMoney, MoneyTotals } from '../contracts/views'
import { chinaDay } from './days'

/**
 * The money of a shop, defined once for the dashboard and the settlement export:
 * - 收入 (gross): what buyers paid, counted on the China day WeChat Pay confirmed the order, in full;
 * - 退款 (refunded): what went back to buyers, one unit at a time, on the day that unit's refund was made —
 *   a refund of an order paid last month lowers this month's money, as it does on the WeChat Pay statement;
 * - 净收入 (net) = 收入 − 退款; it can be negative on a day with refunds and no sales.
 * Promoter commissions are not part of it (the export lists them in their own column).
 */

/** An order paid: its whole amount, at the instant of payment. */
export interface Payment {
  at: number
  fen: Fen
}

/** A unit refunded to its buyer: its price, at the instant the refund was made. */
export interface Refund {
  at: number
  fen: Fen
}

const sumFen = (list: readonly { fen: Fen }[]) => list.reduce((a, x) => a + x.fen, 0)

/** 收入, 退款 and 净收入 of the payments and refunds given (the caller picks the period). */
export function moneyOf(payments: readonly Payment[], refunds: readonly Refund[]): MoneyTotals {
  const grossFen = sumFen(payments)
  const refundedFen = sumFen(refunds)
  return { grossFen, refundedFen, netFen: grossFen - refundedFen }
}

/** The same, per China day of `days`; payments and refunds on other days are left out. */
export function moneyByDay(days: readonly string[], payments: readonly Payment[], refunds: readonly Refund[]): DayMoney[] {
  const paid = groupByDay(payments)
  const back = groupByDay(refunds)
  return days.map((day) => ({ day, ...moneyOf(paid.get(day) ?? [], back.get(day) ?? []) }))
}

/** Items bucketed by the China day of their instant, in the order given. */
export function groupByDay<T extends { at: number }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const it of items) {
    const day = chinaDay(it.at)
    const list = out.get(day)
    if (list) list.push(it)
    else out.set(day, [it])
  }
  return out
}
