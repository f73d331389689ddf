import type { PaymentGateway } from './types'
import { wechatGateway } from './wechat'

/** WeChat Pay through cloudPay, everywhere: locally the platform is emulated behind the SDK's transport. */
export function paymentGateway(): PaymentGateway {
  return wechatGateway
}
