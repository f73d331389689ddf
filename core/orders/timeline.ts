/** How each audited action reads on the buyer's order timeline; actions not listed stay internal. */
export const TIMELINE_LABELS: Record<string, string> = {
  'order.placed': '提交订单',
  'order.paid': '支付成功，券码已发放',
  'order.grouping': '支付成功，拼团中（成团后券码可用）',
  'order.group_succeeded': '拼团成功，券码可以使用了',
  'code.group_refund_requested': '拼团未成功，自动退款',
  'order.closed': '超时未支付，订单已关闭',
  'order.cancelled': '已取消订单',
  'order.late_payment_refunded': '订单关闭后才收到付款，已原路退回',
  'code.refund_requested': '申请退款',
  'code.expiry_refund_requested': '券码过期未使用，自动退款',
  'code.refunded': '退款已原路退回',
  'code.redeemed': '到店核销',
  'code.redemption_undone': '核销已撤销',
  'order.completed': '订单已完成',
  'order.refunded': '订单已全部退款',
  'review.created': '已评价',
}
