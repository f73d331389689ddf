import type { PayParams } from '@core/contracts/views'
import { callFunction } from '@/shared/api'

/** What the payment sheet needs for an unpaid order: WeChat Pay parameters, or the local simulated sheet's. */
export function prepay(orderId: string): Promise<PayParams> {
  return callFunction('payments', 'prepay', { orderId })
}
