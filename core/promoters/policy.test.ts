import { approvalState, commissionCounts, DEFAULT_PROMOTER_POLICY, policyOf } from './policy'

describe('promoter policy', () => {
  it('defaults what a shop never set and keeps what it did', () => {
    expect(policyOf(undefined)).toEqual(DEFAULT_PROMOTER_POLICY)
    expect(policyOf({ holdDays: 3 })).toEqual({ ...DEFAULT_PROMOTER_POLICY, holdDays: 3 })
    expect(policyOf({ approvalRequired: true, attributionDays: 1, selfPurchase: true, holdDays: 0 })).toEqual({ approvalRequired: true, attributionDays: 1, selfPurchase: true, holdDays: 0 })
  })

  it('asks for approval only where the shop requires it; only approved or not-required promoters earn', () => {
    const open = policyOf({})
    const gated = policyOf({ approvalRequired: true })
    expect(approvalState(open, undefined)).toBe('not_required')
    expect(approvalState(open, 'rejected')).toBe('not_required')
    expect(approvalState(gated, undefined)).toBe('pending')
    expect(approvalState(gated, 'approved')).toBe('approved')
    expect(approvalState(gated, 'rejected')).toBe('rejected')
    expect(['not_required', 'pending', 'approved', 'rejected'].map((s) => commissionCounts(s as never))).toEqual([true, false, true, false])
  })
})
