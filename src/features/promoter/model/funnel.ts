import type { ApprovalState, FunnelCounts, ShareFunnel } from '@core/contracts/views'

const CHANNELS: Record<string, string> = { card: '群聊卡片', poster: '海报', link: '链接' }

export function channelName(channel: string): string {
  return CHANNELS[channel] ?? '其他'
}

/** "37.5%" (one decimal, trailing .0 dropped); "—" when nobody came yet (no division by zero, no fake 0%). */
export function conversion(part: number, whole: number): string {
  if (whole <= 0) return '—'
  const pct = Math.round((part / whole) * 1000) / 10
  return `${pct}%`
}

export interface DealFunnel {
  dealId: string
  dealTitle: string
  shares: ShareFunnel[]
  total: FunnelCounts
  /** The shop's decision on the promoter (the same for every share of the deal: the newest share's answer). */
  approval: ApprovalState
}

/** What an approval state means for the promoter's commissions, or null when nothing needs saying. */
export function approvalNote(a: ApprovalState): string | null {
  if (a === 'pending') return '店铺审核中：审核通过后的订单才计佣金，现在分享带来的订单不计佣金'
  if (a === 'rejected') return '店铺没有通过你的推手申请：你仍可以分享，但这家店的订单不计佣金'
  return null
}

/**
 * The shares grouped by deal (one share per deal and channel), deals in the order of their newest share, each
 * with its channels and the deal's totals. Visitors are added up per channel: someone who opened both the card
 * and the poster counts in each (the function reports distinct visitors per share only).
 */
export function funnelsByDeal(shares: ShareFunnel[]): DealFunnel[] {
  const byDeal = new Map<string, DealFunnel>()
  for (const s of [...shares].sort((a, b) => b.createdAt - a.createdAt)) {
    let d = byDeal.get(s.dealId)
    if (!d) {
      d = { dealId: s.dealId, dealTitle: s.dealTitle, shares: [], total: { visits: 0, visitors: 0, placed: 0, orders: 0, units: 0, redeemed: 0, commissionFen: 0 }, approval: s.approval }
      byDeal.set(s.dealId, d)
    }
    d.shares.push(s)
    d.total.visits += s.visits
    d.total.visitors += s.visitors
    d.total.placed += s.placed
    d.total.orders += s.orders
    d.total.units += s.units
    d.total.redeemed += s.redeemed
    d.total.commissionFen += s.commissionFen
  }
  return [...byDeal.values()]
}
