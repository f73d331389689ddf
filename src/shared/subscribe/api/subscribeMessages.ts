import type { MessageKind } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** Records the kinds the user accepted: one message of each kind may be sent (WeChat's one-time subscription). */
export function subscribeMessages(accepted: MessageKind[]): Promise<{ kind: string; credits: number }[]> {
  return callFunction('orders', 'subscribe', { accepted })
}
