import Taro from '@tarojs/taro'
import type { TransferParams } from '@core/contracts/views'

type WechatTransfer = Extract<TransferParams, { provider: 'wechat' }>
type Callback = (res: { errMsg?: string }) => void
type RequestMerchantTransfer = (opts: { mchId: string; appId: string; package: string; success: Callback; fail: Callback }) => void
interface Host {
  requestMerchantTransfer?: RequestMerchantTransfer
  canIUse?: (schema: string) => boolean
}

// The mini-program's global (absent on h5). Taro's typings do not know requestMerchantTransfer yet.
declare const wx: Host | undefined

export type MerchantTransferOutcome = 'ok' | 'cancel' | 'fail' | 'unsupported'

function host(): { api: RequestMerchantTransfer; owner: Host } | null {
  const taro = Taro as unknown as Host
  const w = typeof wx !== 'undefined' ? wx : undefined
  const owner = taro.requestMerchantTransfer ? taro : w?.requestMerchantTransfer ? w : null
  if (!owner?.requestMerchantTransfer) return null
  const canIUse = taro.canIUse ?? w?.canIUse
  if (canIUse && !canIUse.call(taro.canIUse ? taro : w, 'requestMerchantTransfer')) return null
  return { api: owner.requestMerchantTransfer, owner }
}

/**
 * 商家转账: opens WeChat's own 确认收款 page for the transfer the promoters function created
 * (wx.requestMerchantTransfer, base library 3.3.0+). 'ok' means the promoter confirmed; the money moves when WeChat
 * Pay says so (refresh with promoters.withdrawal). An old WeChat without the API: 'unsupported'.
 */
export function requestMerchantTransfer(t: WechatTransfer): Promise<MerchantTransferOutcome> {
  const h = host()
  if (!h) return Promise.resolve('unsupported')
  return new Promise((resolve) => {
    try {
      h.api.call(h.owner, {
        mchId: t.mchId,
        appId: t.appId,
        package: t.package,
        success: () => resolve('ok'),
        fail: (res) => resolve(/cancel/i.test(String(res?.errMsg ?? '')) ? 'cancel' : 'fail'),
      })
    } catch {
      resolve('fail')
    }
  })
}
