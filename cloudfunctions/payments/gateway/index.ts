import { localGateway } from './local'
import type { PaymentGateway } from './types'
import { wechatGateway } from './wechat'

/** Local mode is chosen by the local runtime (TUANKA_PAYMENT=local); anything else is production WeChat Pay. */
export function paymentGateway(): PaymentGateway {
  return process.env.TUANKA_PAYMENT === 'local' ? localGateway : wechatGateway
}
