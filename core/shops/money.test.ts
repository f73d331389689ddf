import fc from 'fast-check'
import { groupByDay, moneyByDay, moneyOf } from './money'

const at = (iso: string) => Date.parse(iso)

describe('shop money', () => {
  it('收入 is what was paid, 退款 what went back, 净收入 the difference (the ¥459.4 with a ¥68 refund of issue 13)', () => {
    const payments = [{ at: 0, fen: 13_600 }, { at: 1, fen: 32_340 }]
    expect(moneyOf(payments, [{ at: 2, fen: 6800 }])).toEqual({ grossFen: 45_940, refundedFen: 6800, netFen: 39_140 })
    expect(moneyOf([], [])).toEqual({ grossFen: 0, refundedFen: 0, netFen: 0 })
  })

  it('a refund counts on the day it was made, so a day can be negative', () => {
    const days = ['2026-11-22', '2026-11-23']
    const payments = [{ at: at('2026-11-22T23:59:59+08:00'), fen: 13_600 }]
    const refunds = [{ at: at('2026-11-23T00:00:01+08:00'), fen: 6800 }]
    expect(moneyByDay(days, payments, refunds)).toEqual([
      { day: '2026-11-22', grossFen: 13_600, refundedFen: 0, netFen: 13_600 },
      { day: '2026-11-23', grossFen: 0, refundedFen: 6800, netFen: -6800 },
    ])
  })

  it('days outside the list are left out', () => {
    const r = moneyByDay(['2026-11-23'], [{ at: at('2026-11-22T12:00:00+08:00'), fen: 100 }, { at: at('2026-11-23T12:00:00+08:00'), fen: 7 }], [])
    expect(r).toEqual([{ day: '2026-11-23', grossFen: 7, refundedFen: 0, netFen: 7 }])
  })

  it('the days of a period add up to the period, and net is always gross minus refunds', () => {
    const start = at('2026-11-01T00:00:00+08:00')
    const fact = fc.record({ at: fc.integer({ min: start, max: start + 30 * 86_400_000 - 1 }), fen: fc.integer({ min: 0, max: 1_000_000 }) })
    fc.assert(
      fc.property(fc.array(fact), fc.array(fact), (payments, refunds) => {
        const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`)
        const byDay = moneyByDay(days, payments, refunds)
        const total = moneyOf(payments, refunds)
        expect(byDay.reduce((a, d) => a + d.grossFen, 0)).toBe(total.grossFen)
        expect(byDay.reduce((a, d) => a + d.refundedFen, 0)).toBe(total.refundedFen)
        expect(byDay.reduce((a, d) => a + d.netFen, 0)).toBe(total.netFen)
        for (const d of byDay) expect(d.netFen).toBe(d.grossFen - d.refundedFen)
      }),
    )
  })

  it('groupByDay keeps the order given within a day', () => {
    const g = groupByDay([{ at: at('2026-11-23T09:00:00+08:00'), n: 1 }, { at: at('2026-11-22T09:00:00+08:00'), n: 2 }, { at: at('2026-11-23T08:00:00+08:00'), n: 3 }])
    expect([...g.keys()]).toEqual(['2026-11-23', '2026-11-22'])
    expect(g.get('2026-11-23')!.map((x) => x.n)).toEqual([1, 3])
  })
})
