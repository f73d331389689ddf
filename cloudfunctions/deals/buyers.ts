import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { resolveGroup } from '../../server/platform/groups'
import { buyersOfDeal } from '../orders/public'
import { getDealDoc } from './public'

/** Honest counts only: real paid orders, no virtual fill. The group is the platform's answer, never the request's. */
export async function buyers(ctx: Ctx, input: Input<'deals', 'buyers'>): Promise<Output<'deals', 'buyers'>> {
  const [deal, groupId] = await Promise.all([getDealDoc(ctx.db, input.dealId), resolveGroup(ctx.db, input.groupCloudID)])
  if (!deal || deal.status === 'draft') throw new AppError('DEAL_NOT_FOUND')
  const [all, group] = await Promise.all([
    buyersOfDeal(ctx.db, deal._id, input.limit),
    groupId ? buyersOfDeal(ctx.db, deal._id, input.limit, groupId) : Promise.resolve(null),
  ])
  return {
    totalBuyers: all.buyers,
    totalUnits: all.units,
    items: all.items,
    group: group ? { buyers: group.buyers, units: group.units, items: group.items } : null,
  }
}
