import fc from 'fast-check'
import { orderCommission, reversalForRefund, unitLines } from './order-commission'

describe('order commission', () => {
  it('lines sum exactly to the order commission', () => {
    expect(unitLines(1990, 3, 800)).toEqual([159, 159, 159])
    expect(unitLines(1990, 3, 800).reduce((a, b) => a + b, 0)).toBe(477)
    expect(unitLines(6800, 2, 800)).toEqual([544, 544])
  })

  it('for every order and every refund sequence, live lines sum to rate × (paid − refunded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (price, units, rate, refundPicks) => {
          const lines = unitLines(price, units, rate)
          expect(lines.reduce((a, b) => a + b, 0)).toBe(orderCommission(price, units, rate))
          const live = new Set(lines.map((_, i) => i))
          let booked = lines.reduce((a, b) => a + b, 0)
          for (const pick of refundPicks) {
            if (live.size === 0) break
            const unit = [...live][pick % live.size]
            booked -= reversalForRefund(price, live.size, rate)
            live.delete(unit)
            expect(booked).toBe(Math.floor((price * live.size * rate) / 10000))
          }
          expect(booked).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })
})
