import { formatCount, formatDate, formatDateRange, formatDateTime, formatDateTimeRange, formatDuration } from '@/shared/format'

// 2026-11-23 06:05 UTC = 14:05 in China.
const T = Date.UTC(2026, 10, 23, 6, 5)
const NOW = Date.UTC(2026, 5, 1)

describe('time formatting (China time, whatever the device zone)', () => {
  it('formats dates and times in Chinese, with the year only when it differs', () => {
    expect(formatDate(T, NOW)).toBe('11月23日')
    expect(formatDateTime(T, NOW)).toBe('11月23日 14:05')
    expect(formatDateTime(Date.UTC(2027, 0, 1, 16, 30), NOW)).toBe('2027年1月2日 00:30')
  })

  it('a late evening in UTC is already the next day in China', () => {
    expect(formatDate(Date.UTC(2026, 11, 31, 17, 0), NOW)).toBe('2027年1月1日')
    // China's 29 February 2028 begins at 16:00 UTC on the 28th; the year is shown only against another year's now.
    expect(formatDateTime(Date.UTC(2028, 1, 28, 16, 5), Date.UTC(2028, 0, 1))).toBe('2月29日 00:05')
    expect(formatDateTime(Date.UTC(2028, 1, 28, 15, 59), Date.UTC(2028, 0, 1))).toBe('2月28日 23:59')
  })

  it('formats windows', () => {
    expect(formatDateRange(T, T + 14 * 86_400_000, NOW)).toBe('11月23日 至 12月7日')
    expect(formatDateTimeRange(T, T + 3_600_000, NOW)).toBe('11月23日 14:05 至 11月23日 15:05')
  })

  it('says durations the way people do', () => {
    expect(formatDuration(30_000)).toBe('不到1分钟')
    expect(formatDuration(12 * 60_000)).toBe('12分钟')
    expect(formatDuration(5 * 3_600_000 + 12 * 60_000)).toBe('5小时12分钟')
    expect(formatDuration(3 * 3_600_000)).toBe('3小时')
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 59 * 60_000)).toBe('2天3小时')
    expect(formatDuration(86_400_000)).toBe('1天')
  })
})

describe('formatCount', () => {
  it('keeps small counts exact and shortens large ones to 万', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(9999)).toBe('9999')
    expect(formatCount(12_345)).toBe('1.2万')
    expect(formatCount(120_000)).toBe('12万')
    expect(formatCount(1_234_567)).toBe('123万')
    expect(formatCount(-3)).toBe('0')
  })
})
