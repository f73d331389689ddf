import fc from 'fast-check'
import { buyerTotalsOf, groupCountOf, leftOf, liveUnitsOfOrder, ownerDealStatusOf, OWNER_DEAL_STATUS_LABELS, soldOf } from './counts'

describe('deal counts', () => {
  it('已售, 剩余 and 已拼 read the same counters; 已拼 by buyers counts people', () => {
    const d = { stock: 7, liveUnits: 5, liveBuyers: 2 }
    expect([soldOf(d), leftOf(d), groupCountOf(d, 'units'), groupCountOf(d, 'buyers')]).toEqual([5, 7, 5, 2])
    expect([soldOf({ stock: -1, liveUnits: -1, liveBuyers: 0 }), leftOf({ stock: -1, liveUnits: 0, liveBuyers: 0 })]).toEqual([0, 0])
  })

  it('an order keeps its redeemed units and loses its refunded ones; older orders derive refunds from the money', () => {
    expect(liveUnitsOfOrder({ qty: 3, refundedUnits: 1, refundedFen: 999, unitPriceFen: 100 })).toBe(2)
    expect(liveUnitsOfOrder({ qty: 3, refundedFen: 200, unitPriceFen: 100 })).toBe(1)
    expect(liveUnitsOfOrder({ qty: 2, refundedUnits: 2, refundedFen: 200, unitPriceFen: 100 })).toBe(0)
  })

  it('a buyer counts once while holding units, and units sum over orders (property)', () => {
    const order = fc.record({ buyer: fc.constantFrom('a', 'b', 'c'), qty: fc.integer({ min: 1, max: 3 }), refunded: fc.integer({ min: 0, max: 3 }) })
    fc.assert(
      fc.property(fc.array(order, { maxLength: 12 }), (raw) => {
        const orders = raw.map((o) => ({ buyer: o.buyer, qty: o.qty, refundedUnits: Math.min(o.qty, o.refunded), refundedFen: 0, unitPriceFen: 100 }))
        const t = buyerTotalsOf(orders)
        expect(t.units).toBe(orders.reduce((a, o) => a + o.qty - o.refundedUnits, 0))
        expect(t.buyers).toBe(new Set(orders.filter((o) => o.qty > o.refundedUnits).map((o) => o.buyer)).size)
      }),
    )
  })

  it('the owner sees one status per deal', () => {
    expect(ownerDealStatusOf('published', 'on_sale')).toBe('on_sale')
    expect(ownerDealStatusOf('published', 'not_started')).toBe('not_started')
    expect(ownerDealStatusOf('published', 'sold_out')).toBe('sold_out')
    expect(ownerDealStatusOf('published', 'ended')).toBe('sale_ended')
    expect(ownerDealStatusOf('published', 'paused')).toBe('paused')
    expect(ownerDealStatusOf('paused', 'paused')).toBe('paused')
    expect(ownerDealStatusOf('draft', 'draft')).toBe('draft')
    expect(ownerDealStatusOf('ended', 'ended')).toBe('ended')
    expect(new Set(Object.values(OWNER_DEAL_STATUS_LABELS)).size).toBe(Object.keys(OWNER_DEAL_STATUS_LABELS).length)
  })
})
