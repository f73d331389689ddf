/**
 * Stable error codes, shared by functions and client. The code is the contract; the Chinese text is what a
 * user reads. Never reuse or rename a code: clients and tests match on it.
 */
export const ERROR_MESSAGES = {
  // transport and envelope (gateway + runner)
  BAD_JSON: '请求格式不正确',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNKNOWN_FUNCTION: '服务不存在',
  UNKNOWN_ACTION: '不支持的操作',
  INVALID_INPUT: '输入内容有误',
  INTERNAL: '服务开小差了，请稍后再试',
  NETWORK: '网络不太好，请检查网络后重试',
  // identity and roles
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  // deals and shops
  DEAL_NOT_FOUND: '团购不存在或已下架',
  SHOP_NOT_FOUND: '店铺不存在',
  SHOP_PAUSED: '店铺暂停营业，暂不能购买',
  // checkout
  DEAL_NOT_ON_SALE: '该团购暂不可购买',
  SALE_NOT_STARTED: '还没开抢，请稍后再来',
  SALE_ENDED: '活动已结束',
  DEAL_PAUSED: '该团购已暂停售卖',
  SOLD_OUT: '已售罄',
  INSUFFICIENT_STOCK: '库存不足，请减少购买数量',
  OVER_LIMIT: '超出每人限购数量',
  IDEMPOTENCY_CONFLICT: '重复提交的内容不一致，请刷新后重试',
  // orders and payment
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_NOT_PAYABLE: '订单已关闭或已支付',
  ORDER_NOT_CANCELLABLE: '订单已支付，不能取消；可以申请退款',
  PAYMENT_INVALID: '支付通知无效',
  PAYMENT_AMOUNT_MISMATCH: '支付金额与订单不符',
  // codes and refunds
  CODE_NOT_FOUND: '券码不存在',
  CODE_ALREADY_REDEEMED: '券码已核销',
  CODE_REFUNDED: '券码已退款',
  CODE_EXPIRED: '券码已过期',
  // 发货信息: WeChat does not (yet) show the buyer's 确认收货
  RECEIPT_NOT_CONFIRMED: '微信还没有收到确认收货，请稍后再试',
  CODE_NOT_REFUNDABLE: '该券码不能退款',
  REFUND_FAILED: '退款暂未成功，系统会自动重试',
  REFUND_NOTICE_INVALID: '退款通知无效',
  REFUND_NOT_FOUND: '找不到这笔退款',
  CODE_NOT_YET_VALID: '券码还未到使用时间',
  CODE_GROUP_PENDING: '拼团中，成团后才能使用',
  GROUP_FAILED: '拼团未成功，活动已结束',
  // counter
  NOT_STAFF: '你还不是任何店铺的店员',
  RATE_LIMITED: '查询失败次数过多，请稍后再试',
  UNDO_WINDOW_PASSED: '核销超过 10 分钟，不能撤销',
  UNDO_NOT_ALLOWED: '该核销不能撤销',
  // running a shop
  INVITE_INVALID: '邀请码无效或已过期',
  ALREADY_MEMBER: '你已经是该店铺的成员',
  CANNOT_REMOVE_OWNER: '不能移除店主',
  MEMBER_NOT_FOUND: '该成员不存在',
  DEAL_STATE_CHANGE_NOT_ALLOWED: '当前状态不能进行该操作',
  DEAL_INCOMPLETE: '团购信息不完整，不能发布',
  DEAL_INVALID: '团购的时间或价格设置有误',
  STOCK_BELOW_ZERO: '库存不能小于 0',
  INVALID_PERIOD: '时间范围不正确',
  // trust: reviews
  REVIEW_NOT_ALLOWED: '核销后才能评价',
  ALREADY_REVIEWED: '这个订单已经评价过了',
  REVIEW_NOT_FOUND: '评价不存在',
  ALREADY_REPLIED: '已经回复过了',
  // promoters
  NOT_PROMOTER: '请先成为推手',
  SHARE_NOT_FOUND: '分享链接已失效',
  WITHDRAW_BELOW_MINIMUM: '提现金额不能少于 1 元',
  INSUFFICIENT_BALANCE: '可提现余额不足',
  WITHDRAWAL_NOT_FOUND: '提现记录不存在',
  PROMOTER_NOT_FOUND: '该推手不存在',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export function messageFor(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)
}
