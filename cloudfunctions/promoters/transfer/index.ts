import type { TransferGateway } from './types'
import { wechatTransferGateway } from './wechat'

/** WeChat Pay v3 商家转账, everywhere: locally TUANKA_TRANSFER_BASE_URL points the same client at the emulator. */
export function transferGateway(): TransferGateway {
  return wechatTransferGateway()
}
