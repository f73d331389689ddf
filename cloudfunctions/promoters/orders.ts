import type { Input, Output } from '@core/contracts'
import type { PromoterOrderView } from '@core/contracts/views'
import type { Ctx } from '../../server/context'
import { toLineView } from './center'
import { LEDGERS, LINES, SHARES, type LedgerDoc, type LineDoc, type ShareDoc } from './collections'
import { groupLabelOf } from './funnels'
import { requirePromoter } from './join'

/**
 * "Why this order is yours": the promoter's orders, newest first, from the ledgers the payment wrote (with the
 * attribution fixed at checkout), their lines, and the shares' channels — three reads per page.
 */
export async function promoterOrders(ctx: Ctx, input: Input<'promoters', 'orders'>): Promise<Output<'promoters', 'orders'>> {
  const promoter = await requirePromoter(ctx)
  const skip = Number(input.cursor ?? 0)
  const page = (await ctx.db.collection(LEDGERS).where({ promoter, why: ctx.db.command.exists(true) }).orderBy('createdAt', 'desc').skip(skip).limit(input.limit + 1).get()).data as LedgerDoc[]
  const ledgers = page.slice(0, input.limit)
  if (ledgers.length === 0) return { items: [], nextCursor: null }
  const _ = ctx.db.command
  const [lines, shares] = await Promise.all([
    ctx.db.collection(LINES).where({ orderId: _.in(ledgers.map((l) => l._id)), promoter }).limit(1000).get(),
    ctx.db.collection(SHARES).where({ _id: _.in([...new Set(ledgers.map((l) => l.why!.shareCode))]) }).field({ channel: true }).limit(100).get(),
  ])
  const linesOf = new Map<string, LineDoc[]>()
  for (const l of lines.data as LineDoc[]) linesOf.set(l.orderId, [...(linesOf.get(l.orderId) ?? []), l])
  const channels = new Map((shares.data as ShareDoc[]).map((s) => [s._id, s.channel]))
  const items: PromoterOrderView[] = ledgers.map((l) => {
    const w = l.why!
    const own = (linesOf.get(l._id) ?? []).sort((a, b) => a._id.localeCompare(b._id))
    return {
      orderId: l._id,
      dealTitle: w.dealTitle,
      shopName: w.shopName,
      buyerMasked: w.buyerMasked,
      units: w.units,
      paidAt: +w.paidAt,
      rule: w.rule,
      shareCode: w.shareCode,
      channel: channels.get(w.shareCode) ?? 'card',
      visitAt: w.visitAt ? +w.visitAt : null,
      windowDays: w.windowDays,
      groupLabel: w.groupKey ? groupLabelOf(w.groupKey) : null,
      commissionCounts: w.commissionCounts,
      commissionFen: own.reduce((sum, x) => sum + (x.status === 'reversed' ? x.amountFen - x.reversedFen : x.amountFen), 0),
      lines: own.map(toLineView),
    }
  })
  return { items, nextCursor: page.length > input.limit ? String(skip + input.limit) : null }
}
