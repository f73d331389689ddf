import type { ApprovalState, DealEarning, PromoterPolicy } from '../contracts/views'
import { orderCommission } from '../commission/order-commission'
import type { Fen } from '../money/fen'
import { commissionCounts } from './policy'

/**
 * What one unit sold through the promoter's share earns under the shop's current policy: the deal's rate on one
 * unit (as core/commission splits an order), or 0 while the shop's approval is pending or refused. Whether the
 * promoter's own purchases count is the shop's `selfPurchase` (no by default).
 */
export function dealEarning(deal: { id: string; priceFen: Fen; commissionBps: number }, policy: PromoterPolicy, approval: ApprovalState): DealEarning {
  const rateFen = orderCommission(deal.priceFen, 1, deal.commissionBps)
  return { dealId: deal.id, perUnitFen: commissionCounts(approval) ? rateFen : 0, rateFen, approval, selfPurchase: policy.selfPurchase }
}
