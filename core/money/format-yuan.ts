import { assertFen, type Fen } from './fen'

/** 1990 -> "19.9", 2000 -> "20", 5 -> "0.05": how prices read in Chinese shops (no trailing zeros). */
export function formatYuan(fen: Fen): string {
  assertFen(fen)
  const yuan = Math.floor(fen / 100)
  const cents = fen % 100
  if (cents === 0) return String(yuan)
  return `${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/** 1990 -> "19.90": for settlement exports, always two decimals. */
export function formatYuanFixed(fen: Fen): string {
  assertFen(fen)
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** -6800 -> "-68.00", 6800 -> "68.00": two decimals for an amount of either sign (a day's net can be negative). */
export function formatYuanFixedSigned(fen: number): string {
  return fen < 0 ? `-${formatYuanFixed(-fen)}` : formatYuanFixed(fen)
}
