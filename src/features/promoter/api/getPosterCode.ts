import type { PosterCode } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** The poster's code for one of the caller's shares: a mini-program code image (production) or a QR text (local). */
export function getPosterCode(shareCode: string): Promise<PosterCode> {
  return callFunction('promoters', 'posterCode', { shareCode })
}
