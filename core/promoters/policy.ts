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

/**
 * Turning approval on never takes commission from a promoter the shop already works with: at that moment every
 * promoter the shop knows is approved (each approval an audit event), and only promoters first seen afterwards
 * wait for the owner. Only the switch from off to on does this; saving "on" again approves nobody.
 */
export function approvalTurnsOn(before: PromoterPolicy, patch: Partial<PromoterPolicy> | null | undefined): boolean {
  return !before.approvalRequired && patch?.approvalRequired === true
}

/**
 * Which known promoters the switch approves: all but the already approved. An earlier rejection goes too — it was
 * lifted when the shop opened to everyone, and the promoter has been earning since; the owner is told by name
 * before switching and can reject again.
 */
export const approvedBySwitch = (decided: 'approved' | 'rejected' | null | undefined): boolean => decided !== 'approved'
