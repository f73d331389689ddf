import Taro from '@tarojs/taro'
import type { OrderView } from '@core/contracts/views'

export const TEXT_MAX = 500
export const PHOTOS_MAX = 3
export const RATING_LABELS = ['', '很差', '较差', '一般', '满意', '超赞'] as const

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/

/** The page's query: `orderId` (checked) and `dealTitle` (shown while the order loads). */
export function parseReviewParams(params: Record<string, string | undefined>): { orderId: string | null; dealTitle: string } {
  const orderId = decode(params.orderId)
  return { orderId: orderId && ID_RE.test(orderId) ? orderId : null, dealTitle: decode(params.dealTitle)?.slice(0, 60) ?? '' }
}

function decode(v: string | undefined): string | null {
  if (v === undefined || v === '') return null
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

export function reviewPath(orderId: string, dealTitle: string): string {
  return `/review/write/index?orderId=${orderId}&dealTitle=${encodeURIComponent(dealTitle)}`
}

/** Only a buyer with at least one redeemed code may review (the server checks again). */
export function canReview(order: Pick<OrderView, 'codes'>): boolean {
  return order.codes.some((c) => c.state === 'redeemed')
}

/** What is wrong with the form before it is sent (in words), or null. Text counts as the server counts it. */
export function reviewProblem(rating: number, text: string): string | null {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return '请先点星星打分'
  if (text.trim().length > TEXT_MAX) return `评价最多 ${TEXT_MAX} 字`
  return null
}

// Orders reviewed from this device: the page opens on 已评价 instead of a form the server would refuse.
const REVIEWED_KEY = 'tuanka.reviewed'

export function reviewedHere(orderId: string): boolean {
  try {
    const v: unknown = Taro.getStorageSync(REVIEWED_KEY)
    return Array.isArray(v) && v.includes(orderId)
  } catch {
    return false
  }
}

export function rememberReviewed(orderId: string): void {
  try {
    const v: unknown = Taro.getStorageSync(REVIEWED_KEY)
    const list = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== orderId) : []
    Taro.setStorageSync(REVIEWED_KEY, [orderId, ...list].slice(0, 50))
  } catch {
    // storage full or unavailable: the server still refuses a second review
  }
}
