import { orderCountsOf, unusedCodesNote } from './code-counts'

describe('order code counts', () => {
  it('counts unused codes whatever the order waits for, and derives a paid order state from its codes', () => {
    expect(orderCountsOf('grouping', ['unused', 'unused'])).toEqual({ state: 'grouping', unusedCount: 2 })
    expect(orderCountsOf('paid', ['unused', 'refunded', 'redeemed'])).toEqual({ state: 'paid', unusedCount: 1 })
    expect(orderCountsOf('paid', ['redeemed', 'refunded'])).toEqual({ state: 'completed', unusedCount: 0 })
    expect(orderCountsOf('paid', ['refunded', 'refunded'])).toEqual({ state: 'refunded', unusedCount: 0 })
    expect(orderCountsOf('pending_payment', [])).toEqual({ state: 'pending_payment', unusedCount: 0 })
  })

  it('says 待成团 for a forming group and 可用 for a paid order', () => {
    expect(unusedCodesNote('grouping', 1)).toBe('1 张待成团')
    expect(unusedCodesNote('paid', 2)).toBe('2 张可用')
    expect(unusedCodesNote('paid', 0)).toBeNull()
    expect(unusedCodesNote('completed', 1)).toBeNull()
  })
})
