import { localTransferGateway } from './local'
import type { TransferGateway } from './types'
import { wechatTransferGateway } from './wechat'

/** Local mode is chosen by the local runtime (TUANKA_PAYMENT=local); anything else is production WeChat Pay. */
export function transferGateway(): TransferGateway {
  return process.env.TUANKA_PAYMENT === 'local' ? localTransferGateway : wechatTransferGateway()
}
