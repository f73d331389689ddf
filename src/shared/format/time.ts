/**
 * Times on the wire are epoch ms; shops, sale windows and validity are China time (UTC+8, no DST), so they are
 * shown in China time whatever the device's time zone is. China has had no DST since 1991, so a fixed shift read
 * with the UTC getters is exact, and keeps a date library (~10 KB) out of the weapp main package.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000
const cn = (ms: number) => new Date(ms + CHINA_OFFSET_MS)
const pad = (n: number) => String(n).padStart(2, '0')

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "11月23日" this year, "2027年1月2日" another year. */
export function formatDate(ms: number, now: number = Date.now()): string {
  const d = cn(ms)
  const year = d.getUTCFullYear()
  return `${year === cn(now).getUTCFullYear() ? '' : `${year}年`}${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** "11月23日 14:05" this year, "2027年1月2日 09:00" another year. */
export function formatDateTime(ms: number, now: number = Date.now()): string {
  const d = cn(ms)
  return `${formatDate(ms, now)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "11月23日 至 12月7日": a validity window, by day. */
export function formatDateRange(start: number, end: number, now: number = Date.now()): string {
  return `${formatDate(start, now)} 至 ${formatDate(end, now)}`
}

/** "11月23日 10:00 至 12月7日 22:00": a sale window, to the minute. */
export function formatDateTimeRange(start: number, end: number, now: number = Date.now()): string {
  return `${formatDateTime(start, now)} 至 ${formatDateTime(end, now)}`
}

/** A duration as people say it: "2天3小时", "5小时12分钟", "12分钟", "不到1分钟". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return '不到1分钟'
  const days = Math.floor(ms / DAY)
  const hours = Math.floor((ms % DAY) / HOUR)
  const minutes = Math.floor((ms % HOUR) / MINUTE)
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分钟` : `${hours}小时`
  return `${minutes}分钟`
}

/** A ticking countdown: "2天 03:12:45", "03:12:45"; "00:00:00" once passed. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const clock = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
  return s >= 86400 ? `${Math.floor(s / 86400)}天 ${clock}` : clock
}
