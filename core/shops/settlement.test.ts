import fc from 'fast-check'
import { moneyOf } from './money'
import { SETTLEMENT_HEADER, settlementCsv, settlementRows, settlementTotals, type SettlementFacts } from './settlement'

const at = (iso: string) => Date.parse(iso)
const PERIOD = { from: '2026-11-23', to: '2026-11-23' }

const facts = (): SettlementFacts => ({
  payments: [{ at: at('2026-11-23T10:00:00+08:00'), fen: 13_600, orderId: 'o_1', dealTitle: '双人下午茶', qty: 2 }],
  refunds: [{ at: at('2026-11-23T12:00:00+08:00'), fen: 6800, orderId: 'o_1', code: 'ABCDEFGHJKMN', dealTitle: '双人下午茶' }],
  redemptions: [{ at: at('2026-11-23T11:00:00+08:00'), fen: 6800, orderId: 'o_1', code: 'PQRSTUVWXYZ2', dealTitle: '双人下午茶' }],
  commissions: [{ at: at('2026-11-23T10:00:00+08:00'), fen: 340, orderId: 'o_1', code: 'PQRSTUVWXYZ2', dealTitle: '双人下午茶' }],
})

/** Parses what settlementCsv writes (no quoted cells in these facts). */
const parse = (csv: string) => csv.replace(/^\ufeff/, '').split('\r\n').slice(0, -1).map((l) => (l === '' ? [] : l.split(',')))

describe('settlement export', () => {
  it('one row per fact, oldest first, each naming its deal, amounts in their own columns', () => {
    const rows = parse(settlementCsv(PERIOD, facts()))
    expect(rows[0]).toEqual([...SETTLEMENT_HEADER])
    expect(rows.slice(1, 5)).toEqual([
      ['支付', '2026-11-23', '10:00:00', '双人下午茶', 'o_1', '', '2', '136.00', '', '136.00', '', ''],
      ['推广佣金', '2026-11-23', '10:00:00', '双人下午茶', 'o_1', 'PQRSTUVWXYZ2', '1', '', '', '', '', '3.40'],
      ['核销', '2026-11-23', '11:00:00', '双人下午茶', 'o_1', 'PQRSTUVWXYZ2', '1', '', '', '', '68.00', ''],
      ['退款', '2026-11-23', '12:00:00', '双人下午茶', 'o_1', 'ABCDEFGHJKMN', '1', '', '68.00', '-68.00', '', ''],
    ])
    expect(rows[5]).toEqual([])
    expect(rows[6]).toEqual(['合计', '2026-11-23 至 2026-11-23', '', '', '', '', '', '136.00', '68.00', '68.00', '68.00', '3.40'])
    expect(rows).toHaveLength(7)
  })

  it('a deal title that looks like a formula is text, the amounts beside it stay numbers', () => {
    const f = facts()
    const rows = settlementRows(PERIOD, { ...f, payments: [{ ...f.payments[0], dealTitle: '-限时 =特价' }] })
    const csv = settlementCsv(PERIOD, { ...f, payments: [{ ...f.payments[0], dealTitle: '-限时 =特价' }] })
    expect(rows[1][3]).toBe('-限时 =特价')
    expect(csv).toContain(`支付,2026-11-23,10:00:00,'-限时 =特价,o_1,,2,136.00,,136.00,,`)
    expect(csv).toContain(',-68.00,')
    expect(csv).not.toContain("'-68")
  })

  it('an empty period still has its header and a zero 合计', () => {
    const rows = parse(settlementCsv(PERIOD, { payments: [], refunds: [], redemptions: [], commissions: [] }))
    expect(rows).toEqual([[...SETTLEMENT_HEADER], [], ['合计', '2026-11-23 至 2026-11-23', '', '', '', '', '', '0.00', '0.00', '0.00', '0.00', '0.00']])
  })

  it('every amount column adds up to its 合计, and 收入/退款/净收入 are the dashboard definitions', () => {
    const title = fc.constantFrom('双人下午茶', '拿铁', '100 元代金券')
    const when = fc.integer({ min: at('2026-11-01T00:00:00+08:00'), max: at('2026-11-30T23:59:59+08:00') })
    const fen = fc.integer({ min: 0, max: 500_000 })
    const unit = fc.record({ at: when, fen, orderId: fc.constant('o_x'), code: fc.constant('ABCDEFGHJKMN'), dealTitle: title })
    const arb = fc.record({
      payments: fc.array(fc.record({ at: when, fen, orderId: fc.constant('o_x'), dealTitle: title, qty: fc.integer({ min: 1, max: 5 }) })),
      refunds: fc.array(unit),
      redemptions: fc.array(unit),
      commissions: fc.array(unit),
    })
    fc.assert(
      fc.property(arb, (f) => {
        const rows = parse(settlementCsv({ from: '2026-11-01', to: '2026-11-30' }, f))
        const body = rows.slice(1, -2)
        const total = rows[rows.length - 1]
        const toFen = (s: string) => Math.round(Number(s) * 100)
        for (let col = 7; col <= 11; col++) {
          expect(body.reduce((a, r) => a + (r[col] === '' ? 0 : toFen(r[col])), 0)).toBe(toFen(total[col]))
        }
        const m = moneyOf(f.payments, f.refunds)
        expect([toFen(total[7]), toFen(total[8]), toFen(total[9])]).toEqual([m.grossFen, m.refundedFen, m.netFen])
        expect(settlementTotals(f)).toMatchObject(m)
        for (const r of body) expect(r[3]).not.toBe('')
        for (let i = 1; i < body.length; i++) expect(`${body[i - 1][1]} ${body[i - 1][2]}` <= `${body[i][1]} ${body[i][2]}`).toBe(true)
      }),
    )
  })
})
