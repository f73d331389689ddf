import type { ReviewSummary, ReviewView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export function dealReviews(dealId: string): Promise<ReviewSummary> {
  return callFunction('deals', 'reviews', { dealId, limit: 50 })
}

export function replyToReview(reviewId: string, text: string): Promise<ReviewView> {
  return callFunction('deals', 'replyReview', { reviewId, text })
}
