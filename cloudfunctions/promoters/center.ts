import type { Output } from '@core/contracts'
import type { CommissionLineView, ShareFunnel } from '@core/contracts/views'
import type { Ctx } from '../../server/context'
import { getDealDoc } from '../deals/public'
import { promoterOrdersByShare } from '../orders/public'
import { balanceOf } from './balance'
import { LINES, PROMOTERS, SHARES, VISITS, type LineDoc, type ShareDoc } from './collections'
import { requirePromoter } from './join'

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

export async function center(ctx: Ctx): Promise<Output<'promoters', 'center'>> {
  const promoter = await requirePromoter(ctx)
  const now = ctx.now()
  const [profile, balance, shares, visits, orders, commission, recent] = await Promise.all([
    ctx.db.collection(PROMOTERS).doc(promoter).get(),
    balanceOf(ctx.db, promoter, now),
    ctx.db.collection(SHARES).where({ promoter }).orderBy('createdAt', 'desc').limit(100).get(),
    ctx.db.collection(VISITS).aggregate().match({ promoter }).group({ _id: '$shareCode', visits: { $sum: 1 }, viewers: { $addToSet: '$viewer' } }).end(),
    promoterOrdersByShare(ctx.db, promoter),
    ctx.db.collection(LINES).aggregate().match({ promoter }).group({ _id: '$shareCode', amount: { $sum: '$amountFen' }, reversed: { $sum: '$reversedFen' } }).end(),
    ctx.db.collection(LINES).where({ promoter }).orderBy('createdAt', 'desc').limit(20).get(),
  ])
  const visitBy = new Map((visits.data as { _id: string; visits: number; viewers: (string | null)[] }[]).map((v) => [v._id, v]))
  const commissionBy = new Map((commission.data as { _id: string; amount: number; reversed: number }[]).map((c) => [c._id, c.amount - c.reversed]))
  const shareDocs = shares.data as ShareDoc[]
  const titles = new Map<string, string>()
  for (const dealId of new Set(shareDocs.map((s) => s.dealId))) titles.set(dealId, (await getDealDoc(ctx.db, dealId))?.title ?? '')
  const funnels: ShareFunnel[] = shareDocs.map((s) => ({
    shareCode: s._id,
    dealId: s.dealId,
    dealTitle: titles.get(s.dealId) ?? '',
    channel: s.channel,
    createdAt: +s.createdAt,
    visits: visitBy.get(s._id)?.visits ?? 0,
    visitors: (visitBy.get(s._id)?.viewers ?? []).filter(Boolean).length,
    orders: orders.get(s._id)?.orders ?? 0,
    units: orders.get(s._id)?.units ?? 0,
    commissionFen: commissionBy.get(s._id) ?? 0,
  }))
  return {
    name: ((profile.data as { name?: string }[])[0]?.name as string) ?? '',
    balance,
    shares: funnels,
    recentLines: (recent.data as LineDoc[]).map(toLineView),
  }
}
