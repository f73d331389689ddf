import * as v from 'valibot'
import { action } from './action'
import { Id } from './common'
import type { PayParams } from './views'

export const paymentsContract = {
  prepay: action<PayParams>()({
    input: v.strictObject({ orderId: Id }),
    roles: ['user'],
    summary:
      "Payment parameters for the caller's unpaid order (production: cloudPay.unifiedOrder; local: a simulated sheet). The WeChat Pay callback reaches this function as a platform event, not an action.",
    returns: 'PayParams',
    errors: ['UNAUTHENTICATED', 'ORDER_NOT_FOUND', 'ORDER_NOT_PAYABLE'],
  }),
}
