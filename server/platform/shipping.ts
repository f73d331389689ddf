import type { UploadShippingBody } from '@core/orders/shipping'

/**
 * WeChat's 发货信息管理 open APIs through the cloud (wx-server-sdk, loaded on first use only: it is heavy). wx-server-sdk
 * 4.0.2 has no typed method for them: `cloud.openapi` is a generic proxy that sends any dotted path as the API name
 * (src/api/openapi/namespace/generic.ts) over node-sdk's callCompatibleWxOpenApi. The cloud-call names are WeChat's
 * (wxa.sec.order.uploadShippingInfo, wxa.sec.order.getOrder); convertCase: false sends WeChat's snake_case as is.
 * Each call spells its whole path after `openapi`: npm run deploy:check finds the APIs a function
 * calls that way and checks its `permissions.openapi` (cloudfunctions/manifest.ts) lists them.
 */
export type WxAnswer = { errcode: 0 } | { errcode: number; errmsg: string }

export interface ShippingPlatform {
  /** WeChat's answer; throws when there is none (transport or platform failure: the upload may or may not have landed). */
  upload(body: UploadShippingBody): Promise<WxAnswer>
  /** The payment's shipping state at WeChat (order_state 1..5), or its refusal. Throws when there is no answer. */
  getOrder(transactionId: string): Promise<{ errcode: 0; orderState: number } | { errcode: number; errmsg: string }>
}

type Cloud = { openapi(o: { convertCase: boolean }): { wxa: { sec: { order: { uploadShippingInfo(b: unknown): Promise<any>; getOrder(b: unknown): Promise<any> } } } } }
let cloud: Cloud | undefined
function wx(): Cloud {
  if (!cloud) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const sdk = require('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    cloud = sdk as Cloud
  }
  return cloud
}

/**
 * wx-server-sdk throws WeChat's refusal as a CloudSDKError whose errCode is WeChat's errcode (positive); its own and
 * TCB's failures carry negative codes, and so does WeChat's -1 系统繁忙: those leave the outcome unknown.
 */
function refusalOf(e: unknown): { errcode: number; errmsg: string } | null {
  const code = (e as { errCode?: unknown } | null)?.errCode
  if (typeof code !== 'number' || !Number.isInteger(code) || code <= 0) return null
  return { errcode: code, errmsg: String((e as { errMsg?: unknown }).errMsg ?? '') }
}

export const wechatShipping: ShippingPlatform = {
  async upload(body) {
    try {
      await wx().openapi({ convertCase: false }).wxa.sec.order.uploadShippingInfo(body)
      return { errcode: 0 }
    } catch (e) {
      const refused = refusalOf(e)
      if (refused) return refused
      throw e
    }
  },
  async getOrder(transactionId) {
    try {
      const res = await wx().openapi({ convertCase: false }).wxa.sec.order.getOrder({ transaction_id: transactionId })
      return { errcode: 0, orderState: Number(res?.order?.order_state) }
    } catch (e) {
      const refused = refusalOf(e)
      if (refused) return refused
      throw e
    }
  },
}
