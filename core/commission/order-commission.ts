import { allocate } from '../money/allocate'
import { applyBps, type BasisPoints } from '../money/basis-points'
import type { Fen } from '../money/fen'

/**
 * Commission of an order with `units` live units: the rate applied to what the buyer actually keeps, rounded
 * down to the fen once, for the whole order (never per unit, which would lose up to a fen per unit).
 */
export function orderCommission(unitPriceFen: Fen, units: number, rate: BasisPoints): Fen {
  return applyBps(unitPriceFen * units, rate)
}

/** One pending line per unit on payment: largest-remainder split, so the lines sum exactly to the order's commission. */
export function unitLines(unitPriceFen: Fen, units: number, rate: BasisPoints): Fen[] {
  if (units <= 0) return []
  return allocate(orderCommission(unitPriceFen, units, rate), new Array<number>(units).fill(1))
}

/**
 * How much a refund of one unit takes back, when `liveBefore` units were live: the drop in the order's
 * commission. It may differ by a fen from that unit's own line; taking the drop (not the line) keeps the live
 * total exactly at rate × (paid − refunded), so no fen is lost or invented by rounding.
 */
export function reversalForRefund(unitPriceFen: Fen, liveBefore: number, rate: BasisPoints): Fen {
  return orderCommission(unitPriceFen, liveBefore, rate) - orderCommission(unitPriceFen, liveBefore - 1, rate)
}
