import type { Output } from '@core/contracts'
import type { CommissionLineView, ShareFunnel } from '@core/contracts/views'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { balanceOf } from './balance'
import { LINES, PROMOTERS, SHARES, type LineDoc, type PromoterDoc, type ShareDoc } from './collections'

const toLineView = (l: LineDoc): CommissionLineView => ({
  id: l._id,
  orderId: l.orderId,
  dealTitle: l.dealTitle,
  amountFen: l.amountFen,
  reversedFen: l.reversedFen,
  status: l.status,
  availableAt: l.availableAt ? +l.availableAt : null,
  history: l.history.map((h) => ({ status: h.status, at: +h.at })),
})

/**
 * The centre reads counters the events keep (the promoter's balances, each share's funnel) and the newest
 * lines: three reads at once, whatever the number of orders.
 */
export async function center(ctx: Ctx): Promise<Output<'promoters', 'center'>> {
  const promoter = requireUser(ctx)
  const now = ctx.now()
  const [profileRes, shares, recent] = await Promise.all([
    ctx.db.collection(PROMOTERS).doc(promoter).get(),
    ctx.db.collection(SHARES).where({ promoter }).orderBy('createdAt', 'desc').limit(100).get(),
    ctx.db.collection(LINES).where({ promoter }).orderBy('createdAt', 'desc').limit(20).get(),
  ])
  const profile = (profileRes.data as PromoterDoc[])[0]
  if (!profile) throw new AppError('NOT_PROMOTER')
  const funnels: ShareFunnel[] = (shares.data as ShareDoc[]).map((s) => ({
    shareCode: s._id,
    dealId: s.dealId,
    dealTitle: s.dealTitle ?? '',
    channel: s.channel,
    createdAt: +s.createdAt,
    visits: s.visits ?? 0,
    visitors: s.visitors ?? 0,
    orders: s.orders ?? 0,
    units: s.units ?? 0,
    commissionFen: s.commissionFen ?? 0,
  }))
  return {
    name: profile.name ?? '',
    balance: await balanceOf(ctx.db, promoter, now, profile),
    shares: funnels,
    recentLines: (recent.data as LineDoc[]).map(toLineView),
  }
}
