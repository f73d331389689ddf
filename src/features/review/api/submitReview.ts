import type { ReviewView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** A verified review of the order's deal (deals.review): once per order, after at least one code was used. */
export function submitReview(input: { orderId: string; rating: number; text: string; photos: string[] }): Promise<ReviewView> {
  return callFunction('deals', 'review', input)
}
