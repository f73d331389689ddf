import { randomBytes } from 'node:crypto'
import { WECHAT_RETRY_MS } from '../wxpay'
import { BillStore, FINAL_STATES, type Bill, type BillState } from './bills'
import { publicKeyOf, type LocalTransferKeys } from './keys'
import { aeadEncrypt, parseAuthorization, requestSigningText, rsaVerify, signedHeaders, v3Time } from './wire'

/**
 * WeChat Pay API v3 商家转账 (the 2025 user-confirmation version), as api.mch.weixin.qq.com answers the merchant:
 *
 *   POST /v3/fund-app/mch-transfer/transfer-bills                              发起转账
 *   GET  /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}    商户单号查询转账单
 *   GET  /v3/fund-app/mch-transfer/transfer-bills/transfer-bill-no/{no}        微信单号查询转账单
 *   POST /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{no}/cancel      撤销转账
 *
 * Every request must carry the merchant's `Authorization: WECHATPAY2-SHA256-RSA2048 …` (verified with the
 * configured merchant's public key, certificate serial and a 5-minute clock window); every answer is signed with
 * the emulated WeChat Pay key. The user's side is `sheet()` (what wx.requestMerchantTransfer shows: 确认收款, or
 * closing it, which leaves the bill waiting); a bill nobody confirms is cancelled 24 h after creation. Final
 * states are notified to the bill's notify_url (MCHTRANSFER.BILL.FINISHED: signed headers, AES-256-GCM resource)
 * and retried on WeChat's schedule until answered 200/204.
 */
export const TRANSFER_PATH = '/v3/fund-app/mch-transfer/transfer-bills'
export const UNCONFIRMED_EXPIRY_MS = 24 * 3600 * 1000
const CLOCK_WINDOW_S = 300

export interface HttpIn {
  method: string
  /** Path with query, as signed. */
  path: string
  /** Lower-cased names. */
  headers: Record<string, string | undefined>
  body: string
}
export interface HttpOut {
  status: number
  headers: Record<string, string>
  body: string
}
export interface CallbackRequest {
  headers: Record<string, string>
  body: string
}

/** Switches for the faults a merchant meets: WeChat down (500 SYSTEM_ERROR), a refusal, bills that fail at once. */
export interface TransferFaults {
  down: boolean
  refuse: { status: number; code: string; message: string } | null
  /** New bills end FAIL at once with this fail_reason (e.g. PAYEE_ACCOUNT_ABNORMAL). */
  failNew: string | null
  /** Callbacks never reach the merchant (its notify_url unreachable); they stay owed and are retried. */
  callbacksLost: boolean
}

export interface TransferEmulatorOptions {
  keys: LocalTransferKeys
  /** Where bills are kept across restarts (absent: memory only). */
  stateFile?: string
  now?: () => number
  /** POSTs a callback to notify_url and answers the HTTP status. */
  deliver(notifyUrl: string, req: CallbackRequest): Promise<number>
  retryMs?: number[]
  /** Scenes the merchant has opened (default 1000 现金营销). */
  scenes?: string[]
}

export type SheetAnswer = { ok: true; state: BillState; delivered: boolean } | { ok: false; status: number; code: 'PAYMENT_INVALID'; message?: string }

type Json = Record<string, unknown>
const err = (status: number, code: string, message: string) => ({ status, json: { code, message } })
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && Array.from(v).length <= max

/** Scene 1000 (现金营销) must report these two items (转账场景报备信息). */
const REQUIRED_REPORTS: Record<string, string[]> = { '1000': ['活动名称', '奖励说明'] }

export class TransferEmulator {
  readonly faults: TransferFaults = { down: false, refuse: null, failNew: null, callbacksLost: false }
  private readonly store: BillStore
  private readonly now: () => number
  private readonly retryMs: number[]
  private readonly merchantPublicKey: string
  private readonly delivering = new Set<string>()
  private readonly sent = new Map<string, CallbackRequest>()

  constructor(private readonly opts: TransferEmulatorOptions) {
    this.store = new BillStore(opts.stateFile)
    this.now = opts.now ?? Date.now
    this.retryMs = opts.retryMs ?? WECHAT_RETRY_MS
    this.merchantPublicKey = publicKeyOf(opts.keys.merchantPrivateKey)
  }

  /** One merchant request to the v3 API. */
  async handle(req: HttpIn): Promise<HttpOut> {
    const r = this.route(req)
    const body = JSON.stringify(r.json)
    const headers = { 'Content-Type': 'application/json', 'Request-ID': randomBytes(12).toString('hex'), ...signedHeaders({ privateKey: this.opts.keys.wechatpayPrivateKey, publicKeyId: this.opts.keys.wechatpayPublicKeyId }, body, this.now()) }
    if (r.notify) await this.deliverDue()
    return { status: r.status, headers, body }
  }

  private route(req: HttpIn): { status: number; json: Json; notify?: boolean } {
    const k = this.opts.keys
    const a = parseAuthorization(req.headers.authorization)
    if (!a) return err(401, 'SIGN_ERROR', 'Authorization 缺失或格式错误')
    if (a.mchid !== k.mchId) return err(401, 'SIGN_ERROR', '商户号与签名不匹配')
    if (a.serial_no !== k.merchantSerial) return err(401, 'SIGN_ERROR', '商户证书序列号不正确')
    if (!/^\d{1,12}$/.test(a.timestamp) || Math.abs(Math.floor(this.now() / 1000) - Number(a.timestamp)) > CLOCK_WINDOW_S) return err(401, 'SIGN_ERROR', '请求时间戳超出有效期')
    if (!rsaVerify(this.merchantPublicKey, requestSigningText(req.method, req.path, a, req.body), a.signature)) return err(401, 'SIGN_ERROR', '签名错误')
    const serial = req.headers['wechatpay-serial']
    if (serial !== undefined && serial !== k.wechatpayPublicKeyId) return err(400, 'PARAM_ERROR', 'Wechatpay-Serial 不是微信支付公钥ID')
    if (this.faults.down) return err(500, 'SYSTEM_ERROR', '系统错误，请稍后重试')
    this.expireDue()
    const url = new URL(req.path, 'http://x')
    const p = url.pathname
    if (req.method === 'POST' && p === TRANSFER_PATH) return this.create(req.body)
    const byOut = new RegExp(`^${TRANSFER_PATH}/out-bill-no/([^/]+)$`).exec(p)
    if (req.method === 'GET' && byOut) return this.query(this.store.get(decodeURIComponent(byOut[1])))
    const byNo = new RegExp(`^${TRANSFER_PATH}/transfer-bill-no/([^/]+)$`).exec(p)
    if (req.method === 'GET' && byNo) return this.query(this.store.find((b) => b.transferBillNo === decodeURIComponent(byNo[1])))
    const cancel = new RegExp(`^${TRANSFER_PATH}/out-bill-no/([^/]+)/cancel$`).exec(p)
    if (req.method === 'POST' && cancel) return this.cancel(decodeURIComponent(cancel[1]))
    return err(404, 'NOT_FOUND', '请求的资源不存在')
  }

  private create(text: string): { status: number; json: Json; notify?: boolean } {
    let b: Json
    try {
      b = JSON.parse(text)
    } catch {
      return err(400, 'PARAM_ERROR', '请求体不是合法的 JSON')
    }
    if (!b || typeof b !== 'object' || Array.isArray(b)) return err(400, 'PARAM_ERROR', '请求体不是 JSON 对象')
    if (b.appid !== this.opts.keys.appId) return err(400, 'INVALID_REQUEST', 'appid 与商户号未绑定')
    if (typeof b.out_bill_no !== 'string' || !/^[0-9A-Za-z]{1,32}$/.test(b.out_bill_no)) return err(400, 'PARAM_ERROR', 'out_bill_no 只能由数字和大小写字母组成，最长 32 位')
    if (!isStr(b.transfer_scene_id, 36)) return err(400, 'PARAM_ERROR', '缺少 transfer_scene_id')
    if (!(this.opts.scenes ?? ['1000']).includes(b.transfer_scene_id)) return err(403, 'NO_AUTH', '商户号未开通该转账场景')
    if (!isStr(b.openid, 64)) return err(400, 'PARAM_ERROR', '缺少 openid')
    if (typeof b.transfer_amount !== 'number' || !Number.isInteger(b.transfer_amount) || b.transfer_amount < 1) return err(400, 'PARAM_ERROR', 'transfer_amount 必须是正整数（分）')
    if (b.transfer_amount >= 200_000 && b.user_name === undefined) return err(400, 'PARAM_ERROR', '转账金额 >= 2000 元时必须填写收款用户姓名 user_name')
    if (!isStr(b.transfer_remark, 32)) return err(400, 'PARAM_ERROR', 'transfer_remark 必填，最长 32 个字符')
    if (b.notify_url !== undefined && (typeof b.notify_url !== 'string' || !/^https?:\/\/[^\s]{1,250}$/.test(b.notify_url))) return err(400, 'PARAM_ERROR', 'notify_url 不是合法的 URL')
    if (b.user_recv_perception !== undefined && !isStr(b.user_recv_perception, 32)) return err(400, 'PARAM_ERROR', 'user_recv_perception 不正确')
    const infos = b.transfer_scene_report_infos
    if (!Array.isArray(infos) || infos.some((i: Json) => !i || !isStr(i.info_type, 15) || !isStr(i.info_content, 32))) return err(400, 'PARAM_ERROR', 'transfer_scene_report_infos 不正确')
    const missing = (REQUIRED_REPORTS[b.transfer_scene_id] ?? []).filter((t) => !infos.some((i: Json) => i.info_type === t))
    if (missing.length) return err(400, 'PARAM_ERROR', `转账场景报备信息缺少：${missing.join('、')}`)

    const existing = this.store.get(b.out_bill_no)
    if (existing) {
      if (existing.openid !== b.openid || existing.amount !== b.transfer_amount) return err(400, 'INVALID_REQUEST', '商户单号重复，且与原单的参数不一致')
      return { status: 200, json: this.createAnswer(existing) }
    }
    if (this.faults.refuse) return err(this.faults.refuse.status, this.faults.refuse.code, this.faults.refuse.message)
    const now = this.now()
    const fail = this.faults.failNew
    const bill: Bill = {
      outBillNo: b.out_bill_no,
      transferBillNo: `1330${Array.from(randomBytes(36), (x) => x % 10).join('')}`,
      appid: b.appid,
      openid: b.openid,
      amount: b.transfer_amount,
      remark: b.transfer_remark,
      sceneId: b.transfer_scene_id,
      notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : null,
      state: fail ? 'FAIL' : 'WAIT_USER_CONFIRM',
      failReason: fail,
      packageInfo: randomBytes(36).toString('base64'),
      createdAt: now,
      updatedAt: now,
      notify: { dueAt: fail ? now : null, attempts: 0, acked: false },
    }
    this.store.put(bill)
    return { status: 200, json: this.createAnswer(bill), notify: !!fail }
  }

  private createAnswer(b: Bill): Json {
    return {
      out_bill_no: b.outBillNo,
      transfer_bill_no: b.transferBillNo,
      create_time: v3Time(b.createdAt),
      state: b.state,
      ...(b.failReason ? { fail_reason: b.failReason } : {}),
      ...(b.state === 'WAIT_USER_CONFIRM' ? { package_info: b.packageInfo } : {}),
    }
  }

  private query(b: Bill | undefined): { status: number; json: Json } {
    if (!b) return err(404, 'NOT_FOUND', '记录不存在')
    return {
      status: 200,
      json: {
        mch_id: this.opts.keys.mchId,
        out_bill_no: b.outBillNo,
        transfer_bill_no: b.transferBillNo,
        appid: b.appid,
        state: b.state,
        transfer_amount: b.amount,
        transfer_remark: b.remark,
        ...(b.failReason ? { fail_reason: b.failReason } : {}),
        openid: b.openid,
        create_time: v3Time(b.createdAt),
        update_time: v3Time(b.updatedAt),
      },
    }
  }

  private cancel(outBillNo: string): { status: number; json: Json; notify?: boolean } {
    const b = this.store.get(outBillNo)
    if (!b) return err(404, 'NOT_FOUND', '记录不存在')
    if (b.state !== 'ACCEPTED' && b.state !== 'PROCESSING' && b.state !== 'WAIT_USER_CONFIRM') return err(400, 'INVALID_REQUEST', '转账单当前状态不可撤销')
    this.finish(b, 'CANCELLED', null)
    // WeChat answers CANCELING; the bill is CANCELLED by the time anyone asks.
    return { status: 200, json: { out_bill_no: b.outBillNo, transfer_bill_no: b.transferBillNo, state: 'CANCELING', update_time: v3Time(b.updatedAt) }, notify: true }
  }

  private finish(b: Bill, state: BillState, failReason: string | null): void {
    b.state = state
    b.failReason = failReason
    b.updatedAt = this.now()
    b.notify = { dueAt: b.notifyUrl ? b.updatedAt : null, attempts: 0, acked: false }
    this.store.put(b)
  }

  /** Bills left unconfirmed for 24 h are cancelled (and notified), as WeChat Pay does. */
  expireDue(): void {
    const now = this.now()
    for (const b of this.store.all()) {
      if (b.state === 'WAIT_USER_CONFIRM' && now - b.createdAt >= UNCONFIRMED_EXPIRY_MS) this.finish(b, 'CANCELLED', null)
    }
  }

  /**
   * The user on WeChat's 确认收款 page (wx.requestMerchantTransfer with this package): `confirm` receives the
   * money (the bill ends SUCCESS and is notified; confirming a paid bill again notifies again); `cancel` closes the
   * page, which leaves the bill waiting, as in WeChat.
   */
  async sheet(packageInfo: string, action: 'confirm' | 'cancel'): Promise<SheetAnswer> {
    this.expireDue()
    const b = this.store.find((x) => x.packageInfo === packageInfo)
    if (!b) return { ok: false, status: 400, code: 'PAYMENT_INVALID' }
    if (b.state === 'WAIT_USER_CONFIRM') {
      if (action === 'cancel') return { ok: true, state: b.state, delivered: false }
      this.finish(b, 'SUCCESS', null)
    } else if (!(b.state === 'SUCCESS' && action === 'confirm')) {
      return { ok: false, status: 409, code: 'PAYMENT_INVALID', message: '这笔转账已结束' }
    } else {
      b.notify = { dueAt: b.notifyUrl ? this.now() : null, attempts: 0, acked: false }
      this.store.put(b)
    }
    await this.deliverDue()
    return { ok: true, state: b.state, delivered: this.store.get(b.outBillNo)!.notify.acked }
  }

  /** Expires what is due and delivers every callback whose attempt is due (the retry timer calls this). */
  async tick(): Promise<void> {
    this.expireDue()
    await this.deliverDue()
  }

  private async deliverDue(): Promise<void> {
    const now = this.now()
    const due = this.store.all().filter((b) => b.notify.dueAt !== null && b.notify.dueAt <= now && !this.delivering.has(b.outBillNo))
    await Promise.all(due.map((b) => this.deliverOne(b)))
  }

  private async deliverOne(b: Bill): Promise<void> {
    if (!b.notifyUrl || !FINAL_STATES.includes(b.state)) return
    this.delivering.add(b.outBillNo)
    try {
      const req = this.callback(b)
      this.sent.set(b.outBillNo, req)
      let status = 0
      try {
        if (!this.faults.callbacksLost) status = await this.opts.deliver(b.notifyUrl, req)
      } catch {
        status = 0
      }
      const attempts = b.notify.attempts + 1
      const acked = status === 200 || status === 204
      const wait = this.retryMs[attempts - 1]
      b.notify = { attempts, acked, dueAt: acked || wait === undefined ? null : this.now() + wait }
      this.store.put(b)
    } finally {
      this.delivering.delete(b.outBillNo)
    }
  }

  /** The 商家转账回调通知 for a bill in its current state, as an HTTP request (headers, body). */
  callback(b: Bill): CallbackRequest {
    const at = this.now()
    const plain = {
      out_bill_no: b.outBillNo,
      transfer_bill_no: b.transferBillNo,
      state: b.state,
      mch_id: this.opts.keys.mchId,
      transfer_amount: b.amount,
      openid: b.openid,
      ...(b.failReason ? { fail_reason: b.failReason } : {}),
      create_time: v3Time(b.createdAt),
      update_time: v3Time(b.updatedAt),
    }
    const resourceNonce = randomBytes(6).toString('hex')
    const body = JSON.stringify({
      id: `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(6).toString('hex')}`,
      create_time: v3Time(at),
      resource_type: 'encrypt-resource',
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      summary: '商家转账单据终态通知',
      resource: {
        original_type: 'mch_payment',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: aeadEncrypt(this.opts.keys.apiV3Key, JSON.stringify(plain), resourceNonce, 'mch_payment'),
        associated_data: 'mch_payment',
        nonce: resourceNonce,
      },
    })
    const headers = { 'Content-Type': 'application/json', ...signedHeaders({ privateKey: this.opts.keys.wechatpayPrivateKey, publicKeyId: this.opts.keys.wechatpayPublicKeyId }, body, at) }
    return { headers, body }
  }

  /** The merchant and WeChat Pay keys this emulator works with (tests forge and replay callbacks with them). */
  get keys(): LocalTransferKeys {
    return this.opts.keys
  }

  /** A bill as the emulator holds it (a copy), for tests and the local tools. */
  bill(outBillNo: string): Bill | undefined {
    const b = this.store.get(outBillNo)
    return b && structuredClone(b)
  }

  /** The last callback sent for a bill (to replay it, as a captured request would be). */
  lastCallback(outBillNo: string): CallbackRequest | undefined {
    return this.sent.get(outBillNo)
  }
}
