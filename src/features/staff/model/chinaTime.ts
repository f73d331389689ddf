/**
 * Shops live in China time (UTC+8, no daylight saving): days and times typed by staff are China time whatever the
 * device's zone. Days are "YYYY-MM-DD", times of day "HH:mm"; on the wire everything is epoch ms.
 */
import { chinaDay, DAY_MS } from '@core/shops/days'

// The shop's calendar is core's (core/shops/days), the same the dashboard and the settlement export count by.
export { chinaDay, DAY_MS }

const OFFSET_MS = 8 * 3600 * 1000

/** The China time of day of an instant: "14:03". */
export function chinaClock(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(11, 16)
}

/** The instant of a China day and time ("2026-11-23", "14:00"); NaN when either is malformed. */
export function chinaInstant(day: string, clock = '00:00'): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(clock)) return NaN
  return Date.parse(`${day}T${clock}:00+08:00`)
}

/** The last millisecond of a China day (validity "until 12月7日" means through the end of that day). */
export function chinaDayEnd(day: string): number {
  return chinaInstant(addDays(day, 1)) - 1
}

export function addDays(day: string, n: number): string {
  return chinaDay(chinaInstant(day) + n * DAY_MS)
}

/** Whole days from `from` to `to`, both China days: ("2026-11-01", "2026-11-23") -> 22. */
export function daysBetween(from: string, to: string): number {
  return Math.round((chinaInstant(to) - chinaInstant(from)) / DAY_MS)
}

/** "11月23日" from "2026-11-23" (the year only when it is not `thisYear`'s). */
export function dayLabel(day: string, thisYear?: string): string {
  const [y, m, d] = day.split('-')
  const md = `${Number(m)}月${Number(d)}日`
  return thisYear && thisYear !== y ? `${y}年${md}` : md
}

/** First day of the China month of `day`. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`
}
