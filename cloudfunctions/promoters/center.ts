import type { Output } from '@core/contracts'
import type { ApprovalState, CommissionLineView, ShareFunnel } from '@core/contracts/views'
import { approvalState, policyOf } from '@core/promoters/policy'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { SHOPS, type ShopDoc } from '../shops/collections'
import { balanceOf } from './balance'
import { GROUP_FUNNELS, LINES, MIN_WITHDRAW_FEN, PROMOTERS, SHARES, SHOP_PROMOTERS, WITHDRAWALS, type GroupFunnelDoc, type LineDoc, type PromoterDoc, type ShareDoc, type ShopPromoterDoc } from './collections'
import { groupLabelOf, toFunnelCounts } from './funnels'
import { toWithdrawalView, type WithdrawalRecord } from './withdrawals'

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

/** What the centre's one read returns: the promoter's document with the newest of each collection it shows. */
type CentreRead = PromoterDoc & {
  shares: ShareDoc[]
  recent: LineDoc[]
  groups: GroupFunnelDoc[]
  atShops: (Pick<ShopPromoterDoc, 'shopId' | 'decision'> & { shop: Pick<ShopDoc, 'promoterPolicy'>[] })[]
  withdrawals: WithdrawalRecord[]
}

/**
 * The centre reads counters the events keep (the promoter's balances, each share's funnel, each group's, the
 * shops' decisions) and the newest lines and withdrawals: a fixed number of reads, whatever the number of orders,
 * and all of them in one trip: the promoter's document with each list joined by an uncorrelated $lookup (each
 * served by its collection's index, newest first), the shops' policies joined to the decisions. A balance with
 * lines still locked reads them once more (balance.ts).
 */
export async function center(ctx: Ctx): Promise<Output<'promoters', 'center'>> {
  const promoter = requireUser(ctx)
  const now = ctx.now()
  const $ = ctx.db.command.aggregate
  const newest = (from: string, by: string, limit: number, as: string) => ({ from, as, pipeline: $.pipeline().match({ promoter }).sort({ [by]: -1 }).limit(limit).done() })
  const res = await ctx.db
    .collection(PROMOTERS)
    .aggregate()
    .match({ _id: promoter })
    .lookup(newest(SHARES, 'createdAt', 100, 'shares'))
    .lookup(newest(LINES, 'createdAt', 20, 'recent'))
    .lookup(newest(GROUP_FUNNELS, 'lastAt', 300, 'groups'))
    .lookup({
      from: SHOP_PROMOTERS,
      as: 'atShops',
      pipeline: $.pipeline().match({ promoter }).limit(100).lookup({ from: SHOPS, localField: 'shopId', foreignField: '_id', as: 'shop' }).project({ shopId: 1, decision: 1, 'shop.promoterPolicy': 1 }).done(),
    })
    .lookup(newest(WITHDRAWALS, 'createdAt', 10, 'withdrawals'))
    .end()
  const read = (res.data as CentreRead[])[0]
  if (!read) throw new AppError('NOT_PROMOTER')
  const { shares, recent, groups, atShops, withdrawals, ...profile } = read
  const decisions = new Map(atShops.map((d) => [d.shopId, d.decision]))
  const policies = new Map(atShops.map((d) => [d.shopId, d.shop[0]?.promoterPolicy]))
  const approvalAt = (shopId: string | undefined): ApprovalState =>
    shopId ? approvalState(policyOf(policies.get(shopId)), decisions.get(shopId)) : 'not_required'
  const groupsOf = new Map<string, GroupFunnelDoc[]>()
  for (const g of groups) groupsOf.set(g.shareCode, [...(groupsOf.get(g.shareCode) ?? []), g])
  const funnels: ShareFunnel[] = shares.map((s) => ({
    shareCode: s._id,
    dealId: s.dealId,
    dealTitle: s.dealTitle ?? '',
    channel: s.channel,
    createdAt: +s.createdAt,
    approval: approvalAt(s.shopId),
    ...toFunnelCounts(s),
    // A group's 下单 is counted on its share (placedIn), over what the group's own document counted before that.
    groups: (groupsOf.get(s._id) ?? []).sort((a, b) => b.visits - a.visits).map((g) => ({ label: groupLabelOf(g.groupKey), ...toFunnelCounts(g), placed: (g.placed ?? 0) + (s.placedIn?.[g.groupKey] ?? 0) })),
  }))
  return {
    name: profile.name ?? '',
    balance: await balanceOf(ctx.db, promoter, now, profile),
    minWithdrawFen: MIN_WITHDRAW_FEN,
    shares: funnels,
    recentLines: recent.map(toLineView),
    withdrawals: withdrawals.map((w) => toWithdrawalView(w)),
  }
}
