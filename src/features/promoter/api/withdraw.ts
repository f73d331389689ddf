import type { WithdrawalView } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** Withdraws from the available balance; idempotent by key. The answer carries the transfer to confirm. */
export function withdraw(amountFen: number, idempotencyKey: string): Promise<WithdrawalView> {
  return callFunction('promoters', 'withdraw', { amountFen, idempotencyKey })
}
