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
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export function messageFor(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)
}
