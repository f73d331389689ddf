import type { DealEarning } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** 分享赚 of up to 50 deals for the calling promoter (read only). */
export function getEarnings(dealIds: string[]): Promise<{ items: DealEarning[] }> {
  return callFunction('promoters', 'earnings', { dealIds })
}
