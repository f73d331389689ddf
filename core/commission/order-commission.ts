import { allocate } from '../money/allocate'
import { applyBps, type BasisPoints } from '../money/basis-points'
import type { Fen } from '../money/fen'

/**
 * The commission rule (issue 13, "exact commission").
 *
 * An order earns, in the end, floor(rate × kept amount), kept = its paid units not refunded: rounded down once per
 * order, never per unit (which would lose up to a fen per unit). The order holds one line per unit, and at every
 * moment, whatever units were redeemed or refunded and in whatever order:
 *
 *   - the kept lines (pending + settled) sum to floor(rate × unit price × kept units);
 *   - the settled lines sum to floor(rate × unit price × settled units), so the pending lines hold the rest
 *     (never negative: the floor grows with the units);
 *   - a reversed (refunded) line keeps the amount it had, and its reversal takes back exactly that amount.
 *
 * Each unit's share is q = floor(rate × price) or q + 1: the order's extra fen move between lines as units leave,
 * so after any event at most one other line of the order changes, by one fen. A redeemed line settles at the
 * step floor(rate × price × s) − floor(rate × price × (s − 1)); a refund moves at most a pending line; settled
 * money changes only when a redemption is undone (the only way back out of settled). Every view (balance, lines,
 * the shop's totals, the settlement export, the withdrawal bound) reads these same lines.
 */
export type UnitState = 'pending' | 'settled' | 'reversed'

export interface UnitLine {
  state: UnitState
  amountFen: Fen
}

/** Commission of `units` units of an order: the rate applied once to their whole amount, rounded down to the fen. */
export function orderCommission(unitPriceFen: Fen, units: number, rate: BasisPoints): Fen {
  return applyBps(unitPriceFen * units, rate)
}

/** One pending line per unit on payment: largest-remainder split, so the lines sum exactly to the order's commission. */
export function unitLines(unitPriceFen: Fen, units: number, rate: BasisPoints): Fen[] {
  if (units <= 0) return []
  return allocate(orderCommission(unitPriceFen, units, rate), new Array<number>(units).fill(1))
}

/**
 * The order's lines after line `subject` moved to state `to` (redeemed: settled; refunded: reversed; redemption
 * undone: pending). The moved line absorbs its own group's change first (a redeemed line takes the settlement
 * step, an undone one the pending share); a refunded line keeps its amount, all of it taken back. The rest of each
 * group moves by single fen, to its smallest line when it grows and from its largest when it shrinks, so shares
 * stay within a fen of each other. Lines given out of this rule (booked before it) are brought back to it.
 */
export function moveLine(unitPriceFen: Fen, rate: BasisPoints, lines: readonly UnitLine[], subject: number, to: UnitState): UnitLine[] {
  if (!Number.isInteger(subject) || subject < 0 || subject >= lines.length) throw new RangeError(`no line ${subject} in an order of ${lines.length}`)
  const next = lines.map((l) => ({ ...l }))
  next[subject].state = to
  const settled = next.filter((l) => l.state === 'settled').length
  const kept = settled + next.filter((l) => l.state === 'pending').length
  const settledTarget = orderCommission(unitPriceFen, settled, rate)
  fill(next, 'settled', settledTarget, to === 'settled' ? subject : null)
  fill(next, 'pending', orderCommission(unitPriceFen, kept, rate) - settledTarget, to === 'pending' ? subject : null)
  return next
}

function fill(lines: UnitLine[], state: UnitState, target: Fen, first: number | null): void {
  const group = lines.flatMap((l, i) => (l.state === state ? [i] : []))
  let diff = target - group.reduce((a, i) => a + lines[i].amountFen, 0)
  if (first !== null) {
    const step = Math.max(diff, -lines[first].amountFen)
    lines[first].amountFen += step
    diff -= step
  }
  if (diff !== 0 && group.length === 0) throw new RangeError(`no ${state} line can hold ${diff} fen`)
  while (diff !== 0) {
    const up = diff > 0
    const pick = group.reduce((best, i) => ((up ? lines[i].amountFen < lines[best].amountFen : lines[i].amountFen > lines[best].amountFen) ? i : best), group[0])
    lines[pick].amountFen += up ? 1 : -1
    diff += up ? -1 : 1
  }
}

/** What the lines of an order hold, by state: `kept` is pending + settled (reversed lines hold nothing). */
export function lineTotals(lines: readonly UnitLine[]): { pendingFen: Fen; settledFen: Fen; keptFen: Fen } {
  const sum = (s: UnitState) => lines.reduce((a, l) => a + (l.state === s ? l.amountFen : 0), 0)
  const pendingFen = sum('pending')
  const settledFen = sum('settled')
  return { pendingFen, settledFen, keptFen: pendingFen + settledFen }
}
