import fc from 'fast-check'
import { lineTotals, moveLine, orderCommission, unitLines, type UnitLine, type UnitState } from './order-commission'

const RUNS = 3000
const SMALL_RUNS = 1000

const pendingLines = (price: number, units: number, rate: number): UnitLine[] => unitLines(price, units, rate).map((amountFen) => ({ state: 'pending', amountFen }))
const floorOf = (price: number, units: number, rate: number) => Math.floor((price * units * rate) / 10000)
const count = (lines: UnitLine[], s: UnitState) => lines.filter((l) => l.state === s).length

describe('order commission', () => {
  it('lines sum exactly to the order commission', () => {
    expect(unitLines(1990, 3, 800)).toEqual([159, 159, 159])
    expect(unitLines(6800, 2, 800)).toEqual([544, 544])
    expect(unitLines(9990, 2, 1234)).toEqual([1233, 1232])
  })

  it('2 × ¥99.90 at 12.34 %, one redeemed and one refunded, in either order: 1232 fen settled, the refund takes back its own line', () => {
    for (const [redeem, refund, refundFirst] of [[0, 1, false], [1, 0, false], [0, 1, true], [1, 0, true]] as const) {
      let lines = pendingLines(9990, 2, 1234)
      const steps: [number, UnitState][] = refundFirst ? [[refund, 'reversed'], [redeem, 'settled']] : [[redeem, 'settled'], [refund, 'reversed']]
      for (const [i, to] of steps) {
        const before = lines[i].amountFen
        lines = moveLine(9990, 1234, lines, i, to)
        if (to === 'reversed') expect(lines[i].amountFen).toBe(before)
      }
      expect(lineTotals(lines)).toEqual({ pendingFen: 0, settledFen: 1232, keptFen: 1232 })
      expect(lines[redeem]).toEqual({ state: 'settled', amountFen: 1232 })
    }
  })

  it('refuses a line the order does not have', () => {
    expect(() => moveLine(100, 100, pendingLines(100, 1, 100), 1, 'settled')).toThrow(RangeError)
  })

  /** A promoter's orders, and a random interleaving of redemptions, refunds and undone redemptions across them. */
  const scenario = fc.record({
    orders: fc.array(fc.record({ price: fc.integer({ min: 1, max: 1_000_000 }), units: fc.integer({ min: 1, max: 5 }), rate: fc.integer({ min: 0, max: 10000 }) }), { minLength: 1, maxLength: 4 }),
    events: fc.array(fc.record({ order: fc.nat(), unit: fc.nat(), kind: fc.constantFrom('redeem', 'redeem', 'refund', 'refund', 'undo') }), { maxLength: 30 }),
  })

  it(`every event keeps each order at floor(rate × kept) and its settled lines at floor(rate × settled), summed over orders (${RUNS} runs)`, () => {
    let runs = 0
    let events = 0
    fc.assert(
      fc.property(scenario, ({ orders, events: evs }) => {
        runs++
        const problems: string[] = []
        const books = orders.map((o) => pendingLines(o.price, o.units, o.rate))
        for (const e of evs) {
          const k = e.order % orders.length
          const { price, units, rate } = orders[k]
          const i = e.unit % units
          const before = books[k]
          const from = before[i].state
          // What the product allows: redeem or refund an unused code, undo a redemption.
          const to: UnitState | null = e.kind === 'redeem' && from === 'pending' ? 'settled' : e.kind === 'refund' && from === 'pending' ? 'reversed' : e.kind === 'undo' && from === 'settled' ? 'pending' : null
          if (!to) continue
          events++
          const after = moveLine(price, rate, before, i, to)
          books[k] = after

          const q = Math.floor((price * rate) / 10000)
          const t = lineTotals(after)
          const where = `order ${k} unit ${i} ${from}→${to}`
          if (t.keptFen !== floorOf(price, units - count(after, 'reversed'), rate)) problems.push(`${where}: kept ${t.keptFen}`)
          if (t.settledFen !== floorOf(price, count(after, 'settled'), rate)) problems.push(`${where}: settled ${t.settledFen}`)
          for (const l of after) {
            if (!Number.isSafeInteger(l.amountFen) || l.amountFen < 0) problems.push(`${where}: line ${l.amountFen}`)
            if (l.state !== 'reversed' && l.amountFen !== q && l.amountFen !== q + 1) problems.push(`${where}: share ${l.amountFen} not ${q} or ${q + 1}`)
          }
          // The refunded line is taken back exactly: it keeps the amount it had, which leaves the kept total.
          if (to === 'reversed' && after[i].amountFen !== before[i].amountFen) problems.push(`${where}: reversal ${after[i].amountFen} ≠ line ${before[i].amountFen}`)
          // Besides the moved line, at most one line moves, by one fen; reversed lines never move; settled ones
          // only when a redemption is undone.
          const moved = after.flatMap((l, j) => (j !== i && l.amountFen !== before[j].amountFen ? [j] : []))
          if (moved.length > 1) problems.push(`${where}: ${moved.length} other lines moved`)
          for (const j of moved) {
            if (Math.abs(after[j].amountFen - before[j].amountFen) !== 1) problems.push(`${where}: line ${j} moved by more than a fen`)
            if (before[j].state === 'reversed' || (before[j].state === 'settled' && to !== 'pending')) problems.push(`${where}: ${before[j].state} line ${j} moved`)
          }
        }
        // The promoter's whole: the sum of all lines kept equals the orders' floors, summed.
        const kept = books.reduce((a, ls) => a + lineTotals(ls).keptFen, 0)
        expect(kept).toBe(orders.reduce((a, o, k) => a + orderCommission(o.price, o.units - count(books[k], 'reversed'), o.rate), 0))
        expect(problems).toEqual([])
      }),
      { numRuns: RUNS },
    )
    expect(runs).toBe(RUNS)
    expect(events).toBeGreaterThan(RUNS)
  })

  it(`splits preserve the order's commission and never go negative (${SMALL_RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10000 }), (price, units, rate) => {
        const lines = unitLines(price, units, rate)
        expect(lines.reduce((a, b) => a + b, 0)).toBe(orderCommission(price, units, rate))
        expect(Math.max(...lines) - Math.min(...lines)).toBeLessThanOrEqual(1)
        expect(Math.min(...lines)).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: SMALL_RUNS },
    )
  })

  it(`brings lines booked under the old rule (any split of the order) back to it at their next event (${SMALL_RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 10000 }), fc.nat(), fc.nat(),
        (price, units, rate, pick, skew) => {
          // Old lines: settled ones at whatever the payment's split gave them, a refund that took back the order's drop.
          const old = pendingLines(price, units, rate)
          old.forEach((l, j) => { if (j < units - 1 && (skew >> j) & 1) l.state = 'settled' })
          const i = pick % units
          if (old[i].state !== 'pending') return
          const after = moveLine(price, rate, old, i, 'reversed')
          expect(lineTotals(after).keptFen).toBe(floorOf(price, units - 1, rate))
          expect(lineTotals(after).settledFen).toBe(floorOf(price, count(after, 'settled'), rate))
          for (const l of after) expect(l.amountFen).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: SMALL_RUNS },
    )
  })
})
