import type { Dashboard, RefundIssue, RefundRequery, InviteView, MemberView, ShopBrief, ShopSettings } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export function getDashboard(shopId: string): Promise<Dashboard> {
  return callFunction('shops', 'dashboard', { shopId })
}

export function exportCsv(shopId: string, from: string, to: string): Promise<{ filename: string; csv: string }> {
  return callFunction('shops', 'exportCsv', { shopId, from, to })
}

/** 退款异常 of the shop (owners). */
export function getRefundIssues(shopId: string): Promise<RefundIssue[]> {
  return callFunction('shops', 'refundIssues', { shopId })
}

/** 重新查询: asks WeChat Pay now where the refund is. */
export function retryRefund(shopId: string, refundNo: string): Promise<RefundRequery> {
  return callFunction('shops', 'retryRefund', { shopId, refundNo })
}

export function getShop(id: string): Promise<ShopBrief> {
  return callFunction('shops', 'get', { id })
}

/** What only the owner decides (whether staff see the shop's money). */
export function getShopSettings(shopId: string): Promise<ShopSettings> {
  return callFunction('shops', 'settings', { shopId })
}

export function setStaffSeeRevenue(shopId: string, staffSeeRevenue: boolean): Promise<ShopSettings> {
  return callFunction('shops', 'updateSettings', { shopId, staffSeeRevenue })
}

export type ShopPatch = Partial<Pick<ShopBrief, 'name' | 'address' | 'phone' | 'hours' | 'location'>>

export function updateShop(shopId: string, patch: ShopPatch): Promise<ShopBrief> {
  return callFunction('shops', 'update', { shopId, ...patch })
}

export function listMembers(shopId: string): Promise<MemberView[]> {
  return callFunction('shops', 'members', { shopId })
}

export function inviteStaff(shopId: string): Promise<InviteView> {
  return callFunction('shops', 'invite', { shopId })
}

export function removeStaff(shopId: string, openid: string): Promise<MemberView[]> {
  return callFunction('shops', 'removeStaff', { shopId, openid })
}

export function acceptInvite(code: string, name: string): Promise<MemberView> {
  return callFunction('shops', 'acceptInvite', { code, name })
}
