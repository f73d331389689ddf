import type { Me, Membership } from '@core/contracts/views'

export type AreaRole = 'staff' | 'promoter'

/** Owners and staff both work the counter. */
export function canUseStaffArea(me: Me): boolean {
  return me.memberships.length > 0
}

export function canUsePromoterArea(me: Me): boolean {
  return me.promoter
}

export function canUse(me: Me, area: AreaRole): boolean {
  return area === 'staff' ? canUseStaffArea(me) : canUsePromoterArea(me)
}

const ROLE_NAMES: Record<Membership['role'], string> = { owner: '店主', staff: '店员' }

export function roleName(role: Membership['role']): string {
  return ROLE_NAMES[role]
}

/** One line about who the caller is: "店主 · 推手", "顾客" (nobody special), "未登录". */
export function roleSummary(me: Me): string {
  if (!me.openid) return '未登录'
  const parts: string[] = []
  if (me.isAdmin) parts.push('平台管理员')
  if (me.memberships.some((m) => m.role === 'owner')) parts.push('店主')
  if (me.memberships.some((m) => m.role === 'staff')) parts.push('店员')
  if (me.promoter) parts.push('推手')
  return parts.length > 0 ? parts.join(' · ') : '顾客'
}
