import type { DealDetail } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { ApiError } from '@/shared/api/errors'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/** One deal with its shop, as the deal page shows it. */
export function getDeal(id: string): Promise<DealDetail> {
  return callFunction('deals', 'get', { id })
}

/** The deal `id` (no id: a DEAL_NOT_FOUND error without calling anyone). */
export function useDeal(id: string | null): Remote<DealDetail> {
  return useRemote(() => (id ? getDeal(id) : Promise.reject(new ApiError('DEAL_NOT_FOUND'))), [id])
}
