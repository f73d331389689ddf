import type { PromoterCenter } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** Balance, each share's funnel (per WeChat group too), the latest commission lines and the withdrawals. */
export function getPromoterCenter(): Promise<PromoterCenter> {
  return callFunction('promoters', 'center', {})
}
