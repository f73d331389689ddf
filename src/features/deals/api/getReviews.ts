import type { ReviewSummary } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { ApiError } from '@/shared/api/errors'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/** Verified reviews of a deal: the average, the newest with photos and the shop's reply. */
export function getReviews(dealId: string, limit = 10): Promise<ReviewSummary> {
  return callFunction('deals', 'reviews', { dealId, limit })
}

export function useReviews(dealId: string | null): Remote<ReviewSummary> {
  return useRemote(() => (dealId ? getReviews(dealId) : Promise.reject(new ApiError('DEAL_NOT_FOUND'))), [dealId])
}
