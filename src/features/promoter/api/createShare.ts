import type { ShareResult } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

export type ShareChannel = 'card' | 'poster' | 'link'

/** The caller's share code for a deal and channel (the same on every call), with the shop's approval state. */
export function createShare(dealId: string, channel: ShareChannel): Promise<ShareResult> {
  return callFunction('promoters', 'share', { dealId, channel })
}
