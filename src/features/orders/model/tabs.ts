import type { OrderState, OrderSummary } from '@core/contracts/views'

/** 我的订单's tabs, as Meituan and 拼多多 have them: each a set of states the row shows. */
export const ORDER_TABS = [
  { key: 'all', label: '全部', states: null },
  { key: 'pending', label: '待付款', states: ['pending_payment'] },
  { key: 'usable', label: '待使用', states: ['paid'] },
  { key: 'grouping', label: '拼团中', states: ['grouping'] },
  { key: 'done', label: '已完成', states: ['completed'] },
  { key: 'refund', label: '退款', states: ['refunded'] },
] as const satisfies readonly { key: string; label: string; states: readonly OrderState[] | null }[]

export type OrderTabKey = (typeof ORDER_TABS)[number]['key']

/** The orders a tab lists. 退款 also holds orders with a unit refunded that are still in use or done (售后). */
export function inTab(o: Pick<OrderSummary, 'state' | 'refundedFen'>, key: OrderTabKey): boolean {
  const tab = ORDER_TABS.find((t) => t.key === key)
  if (!tab || tab.states === null) return true
  if (key === 'refund' && o.refundedFen > 0) return true
  return (tab.states as readonly OrderState[]).includes(o.state)
}
