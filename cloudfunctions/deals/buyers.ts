import type { Input, Output } from '@core/contracts'
import { buyersOf, soldOf } from '@core/deals/counts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { resolveGroup } from '../../server/platform/groups'
import { chatBuyersOfDeal, liveOrdersOfDeal } from '../orders/public'
import { countFactsOf } from './collections'
import { getDealDoc } from './public'

/**
 * Honest counts only: real paid orders, no virtual fill. The totals are the deal's own counters (the same as 已售
 * and 已拼); the group is the platform's answer, never the request's.
 */
export async function buyers(ctx: Ctx, input: Input<'deals', 'buyers'>): Promise<Output<'deals', 'buyers'>> {
  const [deal, groupId] = await Promise.all([getDealDoc(ctx.db, input.dealId), resolveGroup(ctx.db, input.groupCloudID)])
  if (!deal || deal.status === 'draft') throw new AppError('DEAL_NOT_FOUND')
  const [items, group] = await Promise.all([
    liveOrdersOfDeal(ctx.db, deal._id, input.limit),
    groupId ? chatBuyersOfDeal(ctx.db, deal._id, groupId, input.limit) : Promise.resolve(null),
  ])
  const facts = countFactsOf(deal)
  return { totalBuyers: buyersOf(facts), totalUnits: soldOf(facts), items, group }
}
