import { assertFen, type Fen } from './fen'

/**
 * Split `total` in proportion to `weights` with the largest-remainder method: every share is an integer,
 * the shares sum exactly to `total`, and ties go to the earlier weight so the result is deterministic.
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  assertFen(total, 'total')
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight')
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers')
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum === 0) throw new RangeError('weights must not all be zero')

  const shares = weights.map((w) => Math.floor((total * w) / sum))
  let left = total - shares.reduce((a, b) => a + b, 0)
  const byRemainder = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i)
  for (let k = 0; left > 0; k++, left--) shares[byRemainder[k % byRemainder.length].i] += 1
  return shares
}

/** Split `total` into `n` near-equal integer parts (first parts get the extra fen). */
export function splitEvenly(total: Fen, n: number): Fen[] {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError('n must be a positive integer')
  return allocate(total, new Array<number>(n).fill(1))
}
