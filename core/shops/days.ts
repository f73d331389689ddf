/**
 * A shop's calendar: China days (Asia/Shanghai, UTC+8 all year — China has had no daylight saving since 1991).
 * Every day here is derived from an instant given by the caller, with UTC arithmetic only, so the machine's clock
 * and time zone never decide which day a payment belongs to. Days are "YYYY-MM-DD".
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000
export const DAY_MS = 24 * 3600 * 1000

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/** The China day of an instant. */
export function chinaDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The China time of an instant, "HH:mm:ss". */
export function chinaTimeOfDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(11, 19)
}

/** The first instant of a China day, epoch ms; NaN for anything that is not a real "YYYY-MM-DD". */
export function chinaDayStart(day: string): number {
  if (!DAY_RE.test(day)) return NaN
  const ms = Date.parse(`${day}T00:00:00Z`)
  // Date.parse rolls 2026-02-30 over to March: a day that does not round-trip is not a day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return NaN
  return ms - CHINA_OFFSET_MS
}

/** The `n` China days ending with the day of `now`, oldest first. */
export function lastDays(now: number, n: number): string[] {
  const today = chinaDayStart(chinaDay(now))
  return Array.from({ length: n }, (_, i) => chinaDay(today - (n - 1 - i) * DAY_MS))
}

/** A period of whole China days, `from` and `to` inclusive, as the half-open instants [fromMs, toMs). */
export interface Period {
  from: string
  to: string
  fromMs: number
  toMs: number
  days: number
}

/** The instants of a period of China days; null when a day is malformed or `to` is before `from`. */
export function periodOf(from: string, to: string): Period | null {
  const fromMs = chinaDayStart(from)
  const toMs = chinaDayStart(to) + DAY_MS
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs <= fromMs) return null
  return { from, to, fromMs, toMs, days: Math.round((toMs - fromMs) / DAY_MS) }
}
