import type { DealEarning } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'

/** The card's chip: what a share-sold unit earns, or that it will once the shop approves; nothing when it never pays. */
export function earnChip(e: DealEarning): string | null {
  if (e.perUnitFen > 0) return `分享赚¥${formatYuan(e.perUnitFen)}`
  if (e.approval === 'pending' && e.rateFen > 0) return '审核后分享赚'
  return null
}

/** The deal page's line: per unit, or why it is 0 now; and whether the promoter's own purchase counts. */
export function earnNote(e: DealEarning): string {
  const rate = `¥${formatYuan(e.rateFen)}`
  const main =
    e.rateFen === 0
      ? '这个团购不设推手佣金'
      : e.approval === 'pending'
        ? `店铺审核中，通过后每份赚 ${rate}（之前的订单不计）`
        : e.approval === 'rejected'
          ? '店铺未通过你的推手申请，订单不计佣金'
          : `每卖出 1 份赚 ${rate}，核销后结算`
  return e.selfPurchase || e.perUnitFen === 0 ? main : `${main}；自购不计佣金`
}
