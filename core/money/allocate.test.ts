import fc from 'fast-check'
import { allocate, splitEvenly } from './allocate'

describe('allocate', () => {
  it('splits by weight with the largest remainder', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(1000, [50, 30, 20])).toEqual([500, 300, 200])
    expect(allocate(5, [1, 2])).toEqual([2, 3])
    expect(allocate(0, [1, 2])).toEqual([0, 0])
  })

  it('refuses what cannot be split', () => {
    expect(() => allocate(1.5, [1])).toThrow(RangeError)
    expect(() => allocate(-1, [1])).toThrow(RangeError)
    expect(() => allocate(10, [])).toThrow(RangeError)
    expect(() => allocate(10, [0, 0])).toThrow(RangeError)
    expect(() => allocate(10, [1, -1])).toThrow(RangeError)
  })

  it('shares always sum to the total, are integers, and differ from the exact share by less than one fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const shares = allocate(total, weights)
          const sum = weights.reduce((a, b) => a + b, 0)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total)
          shares.forEach((s, i) => {
            expect(Number.isInteger(s)).toBe(true)
            expect(Math.abs(s - (total * weights[i]) / sum)).toBeLessThan(1)
          })
        },
      ),
    )
  })

  it('splits evenly with the extra fen first', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 1, max: 100 }), (total, n) => {
        const parts = splitEvenly(total, n)
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
      }),
    )
  })
})
