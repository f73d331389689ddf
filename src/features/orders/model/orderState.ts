import type { CodeView, OrderState, OrderSummary, OrderView } from '@core/contracts/views'
import { CODE_STATE_LABELS } from '@core/codes/states'
import { unusedCodesNote } from '@core/orders/code-counts'
import { ORDER_STATE_LABELS } from '@core/orders/states'

export function orderStateLabel(state: OrderState): string {
  return ORDER_STATE_LABELS[state]
}

/** One line under the state on the order page: what it means and what happens next. */
export function orderStateNote(order: OrderView): string {
  switch (order.state) {
    case 'pending_payment':
      return '超时未支付，订单将自动关闭'
    case 'grouping':
      return '成团后券码即可使用；未成团将自动全额退款'
    case 'paid':
      return order.unusedCount > 0 ? `${order.unusedCount} 张券码待使用，到店出示二维码或券码即可` : '券码处理中'
    case 'completed':
      return '券码已全部使用或退款'
    case 'refunded':
      return '款项已原路退回'
    case 'closed':
      return order.timeline.some((e) => e.action === 'order.cancelled') ? '你已取消订单，未付款，无需退款' : '超时未支付，订单已关闭，库存已释放'
  }
}

/** Tone of a state label (list rows and the page header). */
export function stateTone(state: OrderState): 'price' | 'warn' | 'trust' | 'muted' {
  switch (state) {
    case 'pending_payment':
      return 'price'
    case 'grouping':
      return 'warn'
    case 'paid':
      return 'trust'
    default:
      return 'muted'
  }
}

/** A code's state as the buyer reads it: an unused code of a forming group is locked (拼团中). */
export function codeStateLabel(code: CodeView, orderState: OrderState): string {
  if (code.state === 'unused' && orderState === 'grouping') return '拼团中'
  if (code.state === 'refunded' && code.refundReason === 'expired') return '已过期退款'
  if (code.state === 'refunded' && code.refundReason === 'group_failed') return '未成团退款'
  return CODE_STATE_LABELS[code.state]
}

/** Can be shown at the counter now. */
export function isUsable(code: CodeView, orderState: OrderState): boolean {
  return code.state === 'unused' && orderState === 'paid'
}

/** 随时退: unused codes of a paid order, or of one still forming its group. */
export function refundableCodes(order: OrderView): CodeView[] {
  if (order.state !== 'paid' && order.state !== 'grouping') return []
  return order.codes.filter((c) => c.state === 'unused')
}

/** The list row's short line about its codes: "2 张可用", or "2 张待成团" while the group forms (core/orders/code-counts). */
export function summaryNote(o: OrderSummary): string | null {
  return unusedCodesNote(o.state, o.unusedCount)
}
