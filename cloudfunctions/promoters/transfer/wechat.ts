import type { TransferParams } from '@core/contracts/views'
import type { TransferCallback, TransferCreate, TransferCreated, TransferGateway, TransferQueried, TransferState } from './types'
import { authorization, parseTransferCallback, pemFromEnv, responseMessage, verifyMessage } from './v3'

/**
 * Production: WeChat Pay API v3 商家转账 (user-confirmation mode, the 2025 version).
 *
 * - create: `POST /v3/fund-app/mch-transfer/transfer-bills` → `{ out_bill_no, transfer_bill_no, state, package_info }`;
 *   the promoter confirms with `wx.requestMerchantTransfer({ mchId, appId, package })`.
 * - query: `GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}` (404 NOT_FOUND: never created).
 * - callback (MCHTRANSFER.BILL.FINISHED) to TUANKA_TRANSFER_NOTIFY_URL: the `promoters` function's HTTP access
 *   path; verified with the WeChat Pay public key and decrypted with the APIv3 key (see v3.ts).
 *
 * Environment (on `promoters` and `timers`): TUANKA_MCH_ID, TUANKA_APPID, TUANKA_MCH_SERIAL (merchant API
 * certificate serial), TUANKA_MCH_PRIVATE_KEY (PEM, `\n` escapes allowed), TUANKA_WECHATPAY_PUBLIC_KEY (PEM),
 * TUANKA_WECHATPAY_PUBLIC_KEY_ID (PUB_KEY_ID_…, optional but recommended), TUANKA_APIV3_KEY (32 characters),
 * TUANKA_TRANSFER_NOTIFY_URL; optional TUANKA_TRANSFER_SCENE_ID (default 1000 现金营销),
 * TUANKA_TRANSFER_PERCEPTION (default 现金奖励), TUANKA_TRANSFER_SCENE_REPORT (JSON array of
 * `{ info_type, info_content }`, default the two items scene 1000 requires) and TUANKA_TRANSFER_BASE_URL
 * (default https://api.mch.weixin.qq.com; local runs point it at the emulator, local/platform/transfer).
 */
export interface WechatTransferConfig {
  mchId: string
  appId: string
  serial: string
  privateKey: string
  publicKey: string
  publicKeyId?: string
  apiV3Key: string
  notifyUrl: string
  sceneId: string
  perception: string
  reportInfos: { info_type: string; info_content: string }[]
  baseUrl: string
}

export const WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com'

export interface FetchResponse {
  status: number
  headers: { get(name: string): string | null }
  text(): Promise<string>
}
export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<FetchResponse>

export const TRANSFER_PATH = '/v3/fund-app/mch-transfer/transfer-bills'

export function wechatConfigFromEnv(env: Record<string, string | undefined> = process.env): WechatTransferConfig {
  let reportInfos = [
    { info_type: '活动名称', info_content: '团卡推手佣金' },
    { info_type: '奖励说明', info_content: '分享团购获得的佣金提现' },
  ]
  if (env.TUANKA_TRANSFER_SCENE_REPORT) reportInfos = JSON.parse(env.TUANKA_TRANSFER_SCENE_REPORT)
  return {
    mchId: env.TUANKA_MCH_ID ?? '',
    appId: env.TUANKA_APPID ?? '',
    serial: env.TUANKA_MCH_SERIAL ?? '',
    privateKey: pemFromEnv(env.TUANKA_MCH_PRIVATE_KEY),
    publicKey: pemFromEnv(env.TUANKA_WECHATPAY_PUBLIC_KEY),
    publicKeyId: env.TUANKA_WECHATPAY_PUBLIC_KEY_ID || undefined,
    apiV3Key: env.TUANKA_APIV3_KEY ?? '',
    notifyUrl: env.TUANKA_TRANSFER_NOTIFY_URL ?? '',
    sceneId: env.TUANKA_TRANSFER_SCENE_ID || '1000',
    perception: env.TUANKA_TRANSFER_PERCEPTION || '现金奖励',
    reportInfos,
    baseUrl: (env.TUANKA_TRANSFER_BASE_URL || WECHATPAY_BASE_URL).replace(/\/+$/, ''),
  }
}

/** A reply WeChat did not sign, or an answer we cannot act on: the caller keeps the withdrawal waiting. */
export class TransferProviderError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay transfer ${status} ${code}: ${message}`)
    this.name = 'TransferProviderError'
  }
}

export class WechatTransferGateway implements TransferGateway {
  constructor(
    private readonly config: WechatTransferConfig,
    private readonly fetchImpl: Fetch = (url, init) => fetch(url, init),
    private readonly now: () => number = Date.now,
  ) {}

  private async call(method: 'GET' | 'POST', urlPath: string, payload?: unknown): Promise<{ status: number; json: Record<string, any> }> {
    const c = this.config
    const body = payload === undefined ? '' : JSON.stringify(payload)
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': 'tuanka/1.0',
      Authorization: authorization(c, { method, urlPath, body, timestamp: String(Math.floor(this.now() / 1000)) }),
    }
    if (body) headers['Content-Type'] = 'application/json'
    if (c.publicKeyId) headers['Wechatpay-Serial'] = c.publicKeyId
    const res = await this.fetchImpl(`${c.baseUrl}${urlPath}`, { method, headers, ...(body ? { body } : {}) })
    const text = await res.text()
    const signature = res.headers.get('Wechatpay-Signature')
    // Success answers must be WeChat's own; error answers are checked when they carry a signature.
    if (signature || (res.status >= 200 && res.status < 300)) {
      const timestamp = res.headers.get('Wechatpay-Timestamp') ?? ''
      const nonce = res.headers.get('Wechatpay-Nonce') ?? ''
      const serial = res.headers.get('Wechatpay-Serial')
      const ok =
        !!signature &&
        (!c.publicKeyId || serial === c.publicKeyId) &&
        Math.abs(Math.floor(this.now() / 1000) - Number(timestamp)) <= 300 &&
        verifyMessage(c.publicKey, responseMessage(timestamp, nonce, text), signature)
      if (!ok) throw new TransferProviderError(res.status, 'SIGN_ERROR', 'response signature does not verify')
    }
    let json: Record<string, any> = {}
    try {
      json = text ? JSON.parse(text) : {}
    } catch {
      throw new TransferProviderError(res.status, 'BAD_RESPONSE', text.slice(0, 200))
    }
    return { status: res.status, json }
  }

  async create(t: TransferCreate): Promise<TransferCreated> {
    const c = this.config
    const res = await this.call('POST', TRANSFER_PATH, {
      appid: c.appId,
      out_bill_no: t.outBillNo,
      transfer_scene_id: c.sceneId,
      openid: t.openid,
      transfer_amount: t.amountFen,
      transfer_remark: t.remark.slice(0, 32),
      notify_url: c.notifyUrl,
      user_recv_perception: c.perception,
      transfer_scene_report_infos: c.reportInfos,
    })
    if (res.status >= 200 && res.status < 300) {
      return {
        state: String(res.json.state) as TransferState,
        ...(typeof res.json.package_info === 'string' ? { packageInfo: res.json.package_info } : {}),
        ...(typeof res.json.fail_reason === 'string' && res.json.fail_reason ? { failReason: res.json.fail_reason } : {}),
      }
    }
    const code = String(res.json.code ?? 'UNKNOWN')
    // Busy or broken on WeChat's side: the bill may or may not exist; leave it to query later.
    if (res.status >= 500 || res.status === 429 || code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED') {
      throw new TransferProviderError(res.status, code, String(res.json.message ?? ''))
    }
    // Refused (NOT_ENOUGH, PARAM_ERROR, NO_AUTH, INVALID_REQUEST …): fail only once WeChat confirms no bill exists,
    // so a refusal of a repeated request can never give back money that a first request is paying out.
    const q = await this.query(t.outBillNo)
    return q.state === 'NOT_FOUND' ? { state: 'FAIL', failReason: code } : q
  }

  async query(outBillNo: string): Promise<TransferQueried> {
    const res = await this.call('GET', `${TRANSFER_PATH}/out-bill-no/${encodeURIComponent(outBillNo)}`)
    if (res.status >= 200 && res.status < 300) {
      return {
        state: String(res.json.state) as TransferState,
        ...(typeof res.json.fail_reason === 'string' && res.json.fail_reason ? { failReason: res.json.fail_reason } : {}),
      }
    }
    if (res.status === 404 && res.json.code === 'NOT_FOUND') return { state: 'NOT_FOUND' }
    throw new TransferProviderError(res.status, String(res.json.code ?? 'UNKNOWN'), String(res.json.message ?? ''))
  }

  async verifyCallback(event: unknown): Promise<TransferCallback | null> {
    const c = this.config
    if (!c.publicKey || !c.apiV3Key) return null
    return parseTransferCallback(event, { publicKey: c.publicKey, publicKeyId: c.publicKeyId, apiV3Key: c.apiV3Key, now: this.now })
  }

  params(packageInfo: string): TransferParams {
    return { provider: 'wechat', mchId: this.config.mchId, appId: this.config.appId, package: packageInfo }
  }
}

/** Read from the environment on every use: building it is cheap, and it follows a changed configuration. */
export function wechatTransferGateway(): WechatTransferGateway {
  return new WechatTransferGateway(wechatConfigFromEnv())
}
