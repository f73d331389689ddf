import type { MessageTemplate } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** The subscribe-message templates of this environment (production template ids; locally simulated ones). */
export function getMessageTemplates(): Promise<MessageTemplate[]> {
  return callFunction('orders', 'messageTemplates', {})
}
