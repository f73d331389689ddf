import type { ApprovalState, PromoterPolicy } from '../contracts/views'

/** What a shop that never changed its promoter settings gets: open to every promoter, 7-day last touch, no hold. */
export const DEFAULT_PROMOTER_POLICY: PromoterPolicy = { approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 }

const DAY_MS = 24 * 3600 * 1000

/** The effective policy from what a shop stored (older shops store nothing; partial stores keep the defaults). */
export function policyOf(stored: Partial<PromoterPolicy> | null | undefined): PromoterPolicy {
  return { ...DEFAULT_PROMOTER_POLICY, ...Object.fromEntries(Object.entries(stored ?? {}).filter(([, v]) => v !== undefined && v !== null)) }
}

export const attributionWindowMs = (p: PromoterPolicy): number => p.attributionDays * DAY_MS
export const holdMs = (p: PromoterPolicy): number => p.holdDays * DAY_MS

/** The approval a promoter has at a shop: only shops that require approval ask; no decision yet means pending. */
export function approvalState(p: PromoterPolicy, decided: 'approved' | 'rejected' | null | undefined): ApprovalState {
  if (!p.approvalRequired) return 'not_required'
  return decided ?? 'pending'
}

/** Whether commission counts on an order attributed to the promoter under this policy. */
export const commissionCounts = (state: ApprovalState): boolean => state === 'not_required' || state === 'approved'
