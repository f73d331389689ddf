import type { WithdrawalView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** One of the caller's withdrawals, its transfer state refreshed from WeChat Pay while still requested. */
export function getWithdrawal(id: string): Promise<WithdrawalView> {
  return callFunction('promoters', 'withdrawal', { id })
}
