/** Money is always an integer number of fen (分). Yuan exist only at the edges (display, CSV). */
export type Fen = number

export function isFen(x: unknown): x is Fen {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0
}

export function assertFen(x: unknown, what = 'amount'): Fen {
  if (!isFen(x)) throw new RangeError(`${what} must be a non-negative integer number of fen, got ${String(x)}`)
  return x
}
