/**
 * RATE_LIMITED: too many failed look-ups. The server counts failures per staff account in fixed windows aligned to
 * the clock (10 per minute, 100 per hour: cloudfunctions/redemption/rate-limit.ts). The client reads only the
 * error code, so it estimates the wait from those windows: the end of the current minute first; refused again
 * once that minute is over, the end of the current hour.
 */
export interface RateLimit {
  until: number
  window: 'minute' | 'hour'
}

const MINUTE = 60_000
const HOUR = 3_600_000

export function nextRateLimit(now: number, previous: RateLimit | null): RateLimit {
  const minuteEnd = Math.floor(now / MINUTE) * MINUTE + MINUTE
  const hourEnd = Math.floor(now / HOUR) * HOUR + HOUR
  // Refused again soon after a minute's wait ran out: the hour's budget is spent too.
  if (previous && (previous.window === 'hour' || (now >= previous.until && now - previous.until < 5 * MINUTE))) {
    return { until: Math.max(hourEnd, previous.window === 'hour' ? previous.until : 0), window: 'hour' }
  }
  return { until: minuteEnd, window: 'minute' }
}

/** "查询失败次数过多，请 42 秒后再试" / "…请 18 分钟后再试" (the server's own wording). */
export function rateLimitText(limit: RateLimit, now: number): string {
  const sec = Math.max(1, Math.ceil((limit.until - now) / 1000))
  return `查询失败次数过多，请 ${sec >= 60 ? `${Math.ceil(sec / 60)} 分钟` : `${sec} 秒`}后再试`
}
