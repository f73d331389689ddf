import type { CodeState } from '../codes/states'
import { orderStateOfCodes } from './order-state-of-codes'
import type { OrderState } from './states'

/**
 * What the buyer is told about an order's codes, the same in 我的订单 and on the order page: its state (derived
 * from the codes once paid, since the order's own status can lag them by one write) and how many codes are still
 * unused. For a 拼团中 order those are waiting for the group (待成团), for a paid one usable (可用).
 */
export function orderCountsOf(status: OrderState, codes: readonly CodeState[]): { state: OrderState; unusedCount: number } {
  const state = status === 'paid' && codes.length ? orderStateOfCodes(codes) : status
  return { state, unusedCount: codes.filter((c) => c === 'unused').length }
}

/** The short line about an order's unused codes: "2 张可用", "2 张待成团", or nothing. */
export function unusedCodesNote(state: OrderState, unusedCount: number): string | null {
  if (unusedCount <= 0) return null
  if (state === 'grouping') return `${unusedCount} 张待成团`
  if (state === 'paid') return `${unusedCount} 张可用`
  return null
}
