/** Shop statistics are bucketed by the shop's calendar day: China time, whatever the server's zone. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

export function chinaDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Start of a China calendar day "YYYY-MM-DD" in epoch ms. */
export function chinaDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}

export function lastDays(now: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => chinaDay(now - (n - 1 - i) * DAY_MS))
}

export { DAY_MS }
