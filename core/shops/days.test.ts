import fc from 'fast-check'
import { chinaDay, chinaDayStart, chinaTimeOfDay, DAY_MS, lastDays, periodOf } from './days'

const at = (iso: string) => Date.parse(iso)

describe('China days', () => {
  it('a day runs from 00:00 to 24:00 China time (16:00 UTC the evening before)', () => {
    expect(chinaDay(at('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22')
    expect(chinaDay(at('2026-11-22T16:00:00.000Z'))).toBe('2026-11-23')
    expect(chinaDayStart('2026-11-23')).toBe(at('2026-11-22T16:00:00Z'))
    expect(chinaTimeOfDay(at('2026-11-22T16:03:05Z'))).toBe('00:03:05')
  })

  it('the year turns at midnight in Beijing, not in the machine zone', () => {
    expect(chinaDay(at('2026-12-31T23:59:30+08:00'))).toBe('2026-12-31')
    expect(chinaDay(at('2027-01-01T00:00:00+08:00'))).toBe('2027-01-01')
    expect(lastDays(at('2027-01-01T00:00:05+08:00'), 3)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01'])
    expect(lastDays(at('2028-03-01T09:00:00+08:00'), 2)).toEqual(['2028-02-29', '2028-03-01'])
  })

  it('gives the same days whatever the process time zone', () => {
    const saved = process.env.TZ
    const now = at('2026-11-22T17:30:00Z') // 01:30 on the 23rd in Beijing, still the 22nd in most of the world
    const seen = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'].map((tz) => {
      process.env.TZ = tz
      return [lastDays(now, 2), chinaDayStart('2026-11-23'), chinaTimeOfDay(now)]
    })
    process.env.TZ = saved
    if (saved === undefined) delete process.env.TZ
    for (const s of seen) expect(s).toEqual([['2026-11-22', '2026-11-23'], at('2026-11-22T16:00:00Z'), '01:30:00'])
  })

  it('refuses days that do not exist', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '', '2026-11-23T00:00']) expect(chinaDayStart(bad)).toBeNaN()
    expect(chinaDayStart('2028-02-29')).toBe(at('2028-02-29T00:00:00+08:00'))
  })

  it('lastDays: n consecutive days ending today, and today contains now', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z') }), fc.integer({ min: 1, max: 92 }), (now, n) => {
        const days = lastDays(now, n)
        expect(days).toHaveLength(n)
        expect(days[n - 1]).toBe(chinaDay(now))
        expect(chinaDayStart(days[n - 1]) <= now && now < chinaDayStart(days[n - 1]) + DAY_MS).toBe(true)
        for (let i = 1; i < n; i++) expect(chinaDayStart(days[i]) - chinaDayStart(days[i - 1])).toBe(DAY_MS)
      }),
    )
  })

  it('periodOf: whole days, both ends included; reversed or malformed is no period', () => {
    expect(periodOf('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30', fromMs: at('2026-11-01T00:00:00+08:00'), toMs: at('2026-12-01T00:00:00+08:00'), days: 30 })
    expect(periodOf('2026-11-23', '2026-11-23')?.days).toBe(1)
    expect(periodOf('2026-11-24', '2026-11-23')).toBeNull()
    expect(periodOf('2026-11-01', '2026-11-31')).toBeNull()
  })
})
