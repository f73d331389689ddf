import type { Transitions } from '../state-machine'

/**
 * Order lifecycle. Per-unit detail (used, refunded) lives on the codes; the order moves when its codes do:
 * - pending_payment: stock reserved, waiting for WeChat Pay (closed after 15 minutes);
 * - grouping (拼团中): paid for a deal with a minimum group size that is not reached yet; codes are issued but
 *   locked; all such orders become paid at once when the group succeeds, refunded when it fails;
 * - paid: codes issued, at least one still usable;
 * - completed: every code is redeemed or refunded and at least one was redeemed (back to paid only when staff
 *   undo a redemption within 10 minutes);
 * - refunded: every code was refunded (by the buyer, at expiry, or a payment that arrived after closing);
 * - closed: never paid; stock released.
 */
export const ORDER_STATES = ['pending_payment', 'grouping', 'paid', 'completed', 'refunded', 'closed'] as const
export type OrderState = (typeof ORDER_STATES)[number]

export const ORDER_TRANSITIONS: Transitions<OrderState> = {
  pending_payment: ['paid', 'grouping', 'closed'],
  grouping: ['paid', 'refunded'],
  paid: ['completed', 'refunded'],
  completed: ['paid'],
  refunded: [],
  closed: [],
}

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  pending_payment: '待支付',
  grouping: '拼团中',
  paid: '待使用',
  completed: '已完成',
  refunded: '已退款',
  closed: '已关闭',
}
