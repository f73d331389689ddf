import { assertFen, type Fen } from './fen'

/** Rates are integer basis points: 10000 = 100 %. */
export type BasisPoints = number

export function assertBps(x: unknown): BasisPoints {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 10000) {
    throw new RangeError(`rate must be an integer number of basis points in [0, 10000], got ${String(x)}`)
  }
  return x
}

/** amount × rate, rounded down to the fen: the platform never promises a fraction of a fen it cannot pay. */
export function applyBps(amount: Fen, rate: BasisPoints): Fen {
  assertFen(amount)
  assertBps(rate)
  return Math.floor((amount * rate) / 10000)
}

/** Discount shown on a deal card: 6800 of 12800 -> "5.3折". */
export function discountLabel(price: Fen, original: Fen): string | null {
  if (original <= 0 || price >= original) return null
  const tenths = Math.round((price / original) * 100) / 10
  return `${tenths}折`
}
