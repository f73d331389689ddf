import { approvalState, approvalTurnsOn, approvedBySwitch, commissionCounts, DEFAULT_PROMOTER_POLICY, policyOf } from './policy'

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

describe('turning approval on', () => {
  const open = policyOf({})
  const gated = policyOf({ approvalRequired: true })

  it('happens only on the switch from off to on', () => {
    expect(approvalTurnsOn(open, { approvalRequired: true })).toBe(true)
    expect(approvalTurnsOn(gated, { approvalRequired: true })).toBe(false)
    expect(approvalTurnsOn(open, { approvalRequired: false })).toBe(false)
    expect(approvalTurnsOn(open, { holdDays: 3 })).toBe(false)
    expect(approvalTurnsOn(open, undefined)).toBe(false)
  })

  it('approves every promoter the shop knows who is not approved yet, so each keeps earning after the switch', () => {
    const before: ('approved' | 'rejected' | null)[] = [null, 'rejected', 'approved']
    expect(before.map(approvedBySwitch)).toEqual([true, true, false])
    // Under the policy after the switch, every one of them earns.
    expect(before.map((d) => commissionCounts(approvalState(gated, approvedBySwitch(d) ? 'approved' : d)))).toEqual([true, true, true])
  })
})
