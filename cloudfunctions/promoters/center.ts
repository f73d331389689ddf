import type { Output } from '@core/contracts'
import type { ApprovalState, CommissionLineView, ShareFunnel } from '@core/contracts/views'
import { approvalState, policyOf } from '@core/promoters/policy'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { getShops } from '../shops/public'
import { balanceOf } from './balance'
import { GROUP_FUNNELS, LINES, MIN_WITHDRAW_FEN, PROMOTERS, SHARES, SHOP_PROMOTERS, type GroupFunnelDoc, type LineDoc, type PromoterDoc, type ShareDoc, type ShopPromoterDoc } from './collections'
import { groupLabelOf, toFunnelCounts } from './funnels'
import { recentWithdrawals } from './withdrawals'

export const toLineView = (l: LineDoc): CommissionLineView => ({
  id: l._id,
  orderId: l.orderId,
  dealTitle: l.dealTitle,
  amountFen: l.amountFen,
  reversedFen: l.reversedFen,
  status: l.status,
  availableAt: l.availableAt ? +l.availableAt : null,
  holdDays: l.holdDays ?? 0,
  validEnd: l.validEnd ? +l.validEnd : null,
  history: l.history.map((h) => ({ status: h.status, at: +h.at })),
})

/**
 * The centre reads counters the events keep (the promoter's balances, each share's funnel, each group's, the
 * shops' decisions) and the newest lines and withdrawals: a fixed number of reads, whatever the number of orders.
 */
export async function center(ctx: Ctx): Promise<Output<'promoters', 'center'>> {
  const promoter = requireUser(ctx)
  const now = ctx.now()
  const [profileRes, shares, recent, groups, atShops, withdrawals] = await Promise.all([
    ctx.db.collection(PROMOTERS).doc(promoter).get(),
    ctx.db.collection(SHARES).where({ promoter }).orderBy('createdAt', 'desc').limit(100).get(),
    ctx.db.collection(LINES).where({ promoter }).orderBy('createdAt', 'desc').limit(20).get(),
    ctx.db.collection(GROUP_FUNNELS).where({ promoter }).orderBy('lastAt', 'desc').limit(300).get(),
    ctx.db.collection(SHOP_PROMOTERS).where({ promoter }).limit(100).get(),
    recentWithdrawals(ctx.db, promoter, 10),
  ])
  const profile = (profileRes.data as PromoterDoc[])[0]
  if (!profile) throw new AppError('NOT_PROMOTER')
  const decisions = new Map((atShops.data as ShopPromoterDoc[]).map((d) => [d.shopId, d.decision]))
  const shops = await getShops(ctx.db, [...decisions.keys()])
  const approvalAt = (shopId: string | undefined): ApprovalState =>
    shopId ? approvalState(policyOf(shops.get(shopId)?.promoterPolicy), decisions.get(shopId)) : 'not_required'
  const groupsOf = new Map<string, GroupFunnelDoc[]>()
  for (const g of groups.data as GroupFunnelDoc[]) groupsOf.set(g.shareCode, [...(groupsOf.get(g.shareCode) ?? []), g])
  const funnels: ShareFunnel[] = (shares.data as ShareDoc[]).map((s) => ({
    shareCode: s._id,
    dealId: s.dealId,
    dealTitle: s.dealTitle ?? '',
    channel: s.channel,
    createdAt: +s.createdAt,
    approval: approvalAt(s.shopId),
    ...toFunnelCounts(s),
    groups: (groupsOf.get(s._id) ?? []).sort((a, b) => b.visits - a.visits).map((g) => ({ label: groupLabelOf(g.groupKey), ...toFunnelCounts(g) })),
  }))
  return {
    name: profile.name ?? '',
    balance: await balanceOf(ctx.db, promoter, now, profile),
    minWithdrawFen: MIN_WITHDRAW_FEN,
    shares: funnels,
    recentLines: (recent.data as LineDoc[]).map(toLineView),
    withdrawals,
  }
}
