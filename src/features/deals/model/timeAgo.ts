import { formatDate } from '@/shared/format/time'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "刚刚", "3 分钟前", "2 小时前", "5 天前", then the date: how long ago someone joined the 接龙. */
export function timeAgo(at: number, now: number): string {
  const d = Math.max(0, now - at)
  if (d < MINUTE) return '刚刚'
  if (d < HOUR) return `${Math.floor(d / MINUTE)} 分钟前`
  if (d < DAY) return `${Math.floor(d / HOUR)} 小时前`
  if (d < 30 * DAY) return `${Math.floor(d / DAY)} 天前`
  return formatDate(at, now)
}
