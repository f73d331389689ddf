import { orderCommission, unitLines } from '../commission/order-commission'
import { dealEarning } from './earning'
import { DEFAULT_PROMOTER_POLICY } from './policy'

const deal = { id: 'd1', priceFen: 9990, commissionBps: 1234 }

describe('dealEarning', () => {
  it('one share-sold unit earns what an order of one unit pays as its only line', () => {
    const e = dealEarning(deal, DEFAULT_PROMOTER_POLICY, 'not_required')
    expect(e.perUnitFen).toBe(unitLines(deal.priceFen, 1, deal.commissionBps)[0])
    expect(e).toEqual({ dealId: 'd1', perUnitFen: orderCommission(9990, 1, 1234), rateFen: orderCommission(9990, 1, 1234), approval: 'not_required', selfPurchase: false })
    expect(dealEarning(deal, DEFAULT_PROMOTER_POLICY, 'approved').perUnitFen).toBe(e.rateFen)
  })

  it.each(['pending', 'rejected'] as const)('%s approval: 0 now, the rate kept for the promoter to read', (approval) => {
    const e = dealEarning(deal, { ...DEFAULT_PROMOTER_POLICY, approvalRequired: true, selfPurchase: true }, approval)
    expect(e).toMatchObject({ perUnitFen: 0, approval, selfPurchase: true })
    expect(e.rateFen).toBeGreaterThan(0)
  })
})
