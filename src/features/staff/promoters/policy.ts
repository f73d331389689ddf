import type { ApprovalState, PromoterPolicy } from '@core/contracts/views'

/** The policy form: switches as booleans, day counts as typed text. */
export interface PolicyForm {
  approvalRequired: boolean
  attributionDays: string
  selfPurchase: boolean
  holdDays: string
}

export const ATTRIBUTION_DAYS = { min: 1, max: 30 }
export const HOLD_DAYS = { min: 0, max: 30 }

export function policyForm(p: PromoterPolicy): PolicyForm {
  return { approvalRequired: p.approvalRequired, attributionDays: String(p.attributionDays), selfPurchase: p.selfPurchase, holdDays: String(p.holdDays) }
}

/** Whole days within [min, max] from what was typed (full-width digits too); null otherwise. */
export function parseDays(text: string, range: { min: number; max: number }): number | null {
  const s = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim().replace(/\s*天$/, '')
  if (!/^\d{1,3}$/.test(s)) return null
  const n = Number(s)
  return n >= range.min && n <= range.max ? n : null
}

export type PolicyRead =
  | { ok: true; policy: PromoterPolicy }
  | { ok: false; errors: Partial<Record<'attributionDays' | 'holdDays', string>> }

export function readPolicyForm(f: PolicyForm): PolicyRead {
  const attributionDays = parseDays(f.attributionDays, ATTRIBUTION_DAYS)
  const holdDays = parseDays(f.holdDays, HOLD_DAYS)
  const errors: Partial<Record<'attributionDays' | 'holdDays', string>> = {}
  if (attributionDays === null) errors.attributionDays = `请填写 ${ATTRIBUTION_DAYS.min} 到 ${ATTRIBUTION_DAYS.max} 之间的整数天数`
  if (holdDays === null) errors.holdDays = `请填写 ${HOLD_DAYS.min} 到 ${HOLD_DAYS.max} 之间的整数天数`
  if (attributionDays === null || holdDays === null) return { ok: false, errors }
  return { ok: true, policy: { approvalRequired: f.approvalRequired, attributionDays, selfPurchase: f.selfPurchase, holdDays } }
}

/** Only what changed (the function applies a partial policy); null when nothing did. */
export function policyPatch(saved: PromoterPolicy, next: PromoterPolicy): Partial<PromoterPolicy> | null {
  const patch: Partial<PromoterPolicy> = {}
  if (saved.approvalRequired !== next.approvalRequired) patch.approvalRequired = next.approvalRequired
  if (saved.attributionDays !== next.attributionDays) patch.attributionDays = next.attributionDays
  if (saved.selfPurchase !== next.selfPurchase) patch.selfPurchase = next.selfPurchase
  if (saved.holdDays !== next.holdDays) patch.holdDays = next.holdDays
  return Object.keys(patch).length > 0 ? patch : null
}

/**
 * What the owner is asked before turning 审核推手 on: who it touches (the promoters the shop knows, by name when
 * few) and what it means for them — they are approved at the switch and keep earning (the function does it); only
 * promoters first seen afterwards wait. `known` is null when the list could not be loaded.
 */
export function approvalSwitchNotice(known: { name: string }[] | null): { title: string; content: string } {
  const after = '之后新来的推手要你审核通过才计佣金，通过之前他们带来的订单不计佣金。'
  if (known === null) return { title: '开启审核推手？', content: `已经分享过本店团购的推手自动通过，照常计佣金。${after}` }
  if (known.length === 0) return { title: '开启审核推手？', content: `目前还没有推手分享过本店团购。${after}` }
  const NAMED = 3
  const names = known.slice(0, NAMED).map((p) => p.name || '未命名推手').join('、')
  const who = known.length <= NAMED ? `（${names}）` : `（${names}等）`
  return { title: '开启审核推手？', content: `现有 ${known.length} 位推手${who}自动通过，照常计佣金。${after}` }
}

/** What each setting means for promoters and the shop, one line each (for the current value). */
export const consequence = {
  approvalRequired: (on: boolean) =>
    on ? '只有你通过的推手才有佣金，通过之前带来的订单不计佣金；开启时已在推广的推手自动通过。' : '任何推手分享本店团购带来的订单都计佣金，无需审核。',
  attributionDays: (days: number | null) =>
    days === null ? '顾客打开推手的分享后，多少天内下单算该推手的（1-30 天）。' : `顾客打开推手的分享后 ${days} 天内下单，算最后一位分享者的。`,
  selfPurchase: (on: boolean) => (on ? '推手用自己的分享购买，也拿佣金。' : '推手自己买不计佣金（推荐）。'),
  holdDays: (days: number | null) =>
    days === null
      ? '券核销后佣金冻结多少天才能提现（0-30 天）。'
      : days === 0
        ? '券核销后佣金立即可提现。'
        : `券核销后佣金冻结 ${days} 天才能提现，期间的售后问题有时间处理。`,
}

const APPROVAL: Record<ApprovalState, string> = { not_required: '无需审核', pending: '待审核', approved: '已通过', rejected: '未通过' }

export function approvalName(a: ApprovalState): string {
  return APPROVAL[a]
}
