import fc from 'fast-check'
import { applyBps, discountLabel } from './basis-points'

describe('basis points', () => {
  it('rounds down to the fen', () => {
    expect(applyBps(6800, 800)).toBe(544)
    expect(applyBps(1990, 1000)).toBe(199)
    expect(applyBps(1, 5000)).toBe(0)
  })
  it('never exceeds the amount and is never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10000 }), (a, r) => {
        const c = applyBps(a, r)
        expect(c).toBeGreaterThanOrEqual(0)
        expect(c).toBeLessThanOrEqual(a)
      }),
    )
  })
  it('refuses rates outside [0, 10000]', () => {
    expect(() => applyBps(100, 10001)).toThrow(RangeError)
    expect(() => applyBps(100, 0.5)).toThrow(RangeError)
  })
  it('labels discounts in 折', () => {
    expect(discountLabel(6800, 12800)).toBe('5.3折')
    expect(discountLabel(100, 100)).toBeNull()
  })
})
