import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { getDealDoc } from '../deals/public'
import { SHARES, type ShareDoc } from './collections'
import { requirePromoter } from './join'
import { shareCodeFor } from './public'

export async function share(ctx: Ctx, input: Input<'promoters', 'share'>): Promise<Output<'promoters', 'share'>> {
  const promoter = await requirePromoter(ctx)
  const deal = await getDealDoc(ctx.db, input.dealId)
  if (!deal || deal.status === 'draft') throw new AppError('DEAL_NOT_FOUND')
  const shareCode = shareCodeFor(promoter, deal._id, input.channel)
  const doc: ShareDoc = {
    _id: shareCode, promoter, dealId: deal._id, dealTitle: deal.title, channel: input.channel, createdAt: new Date(ctx.now()),
    visits: 0, visitors: 0, orders: 0, units: 0, commissionFen: 0,
  }
  try {
    checked(await ctx.db.collection(SHARES).add(doc))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  return { shareCode, path: `/pages/deal/index?id=${deal._id}&s=${shareCode}`, scene: shareCode }
}
