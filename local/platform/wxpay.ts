import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

/**
 * WeChat Pay (v2, service-provider mode) as cloudPay reaches it: wx-server-sdk converts the call's camelCase
 * parameters to snake_case and sends them as JSON in `requestData` (action `wx.wxPayApi`, `apiName` the method);
 * the platform answers WeChat Pay's result as snake_case JSON, which the SDK converts back to camelCase.
 * Results and error codes follow WeChat Pay's v2 documents (统一下单, 查询订单, 关闭订单, 申请退款, 查询退款,
 * 支付结果通知, 退款结果通知). After "the user paid" (the local payment sheet) the emulator delivers the payment
 * callback to the function named in unifiedOrder's `function_name`, and retries until it answers `errcode: 0`.
 */
export type WxPayJson = Record<string, unknown>

/** Callback retry delays after a failed delivery (WeChat Pay: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h). */
export const WECHAT_RETRY_MS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map((s) => s * 1000)

const PREPAY_TTL_MS = 2 * 60 * 60 * 1000
const REFUND_WINDOW_MS = 365 * 24 * 60 * 60 * 1000
const MAX_REFUNDS_PER_ORDER = 50

type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND'

interface Trade {
  outTradeNo: string
  subMchId: string
  body: string
  totalFee: number
  attach?: string
  functionName: string
  envId: string
  subOpenid: string
  prepayId: string
  prepaidAt: number
  state: TradeState
  transactionId?: string
  timeEnd?: string
  paidAt?: number
}

interface Refund {
  outRefundNo: string
  refundId: string
  outTradeNo: string
  refundFee: number
  totalFee: number
  /** CHANGE: 退款异常 (the buyer's card or balance could not take it); the merchant must act. */
  status: 'PROCESSING' | 'SUCCESS' | 'CHANGE'
  successTime?: string
  /** Where the refund-result callback goes (the request's function_name), if anywhere. */
  functionName?: string
}

interface Pending {
  functionName: string
  event: WxPayJson
  attempts: number
  timer?: NodeJS.Timeout
}

export interface WxPayEmulatorOptions {
  /** Invokes a cloud function as the platform does (no user in the context) and returns its answer. */
  deliver(functionName: string, event: WxPayJson): Promise<unknown>
  now?: () => number
  /** Delays between deliveries of an unacknowledged callback (default WeChat's); after the last one it gives up. */
  retryMs?: number[]
  /** false: retries happen only through `retryPending()` (tests drive them; time is an input). Default true. */
  retryTimers?: boolean
  appid?: string
  mchId?: string
  subAppid?: string
  /**
   * Where the emulator keeps its trades, refunds and undelivered callbacks (a JSON file written before each answer),
   * so a restarted process still knows what was paid and still owes its callbacks, as WeChat does.
   */
  stateFile?: string
}

interface SavedState {
  trades: Trade[]
  refunds: Refund[]
  pending: { functionName: string; event: WxPayJson; attempts: number }[]
  seq: number
}

export type UserPaid =
  | { ok: true; outTradeNo: string; transactionId: string; totalFee: number; reply: unknown }
  | { ok: false; reason: 'PREPAY_NOT_FOUND' | 'PREPAY_EXPIRED' | 'ORDERCLOSED' }

const fail = (returnMsg: string): WxPayJson => ({ return_code: 'FAIL', return_msg: returnMsg })
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isFee = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0
/** out_trade_no / out_refund_no: "32 (64) characters, digits, letters, _ - | * @ only". */
const isOutNo = (v: unknown, max: number): v is string => typeof v === 'string' && new RegExp(`^[0-9A-Za-z_\\-|*@]{1,${max}}$`).test(v)

/** yyyyMMddHHmmss in China time, as WeChat Pay writes time_end. */
export function wechatTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14)
}
/** yyyy-MM-dd HH:mm:ss in China time, as refund_success_time. */
const wechatDateTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')

export class WxPayEmulator {
  private readonly trades = new Map<string, Trade>()
  private readonly byPrepay = new Map<string, string>()
  private readonly refunds = new Map<string, Refund>()
  private readonly pending = new Set<Pending>()
  private readonly now: () => number
  private readonly retryMs: number[]
  private readonly ids: { appid: string; mchId: string; subAppid: string }
  private seq = 0
  private stopped = false
  /** Answer refunds with SYSTEMERROR (WeChat's "retry with the same out_refund_no"), to exercise the product's retries. */
  failRefunds = false
  /** How accepted refunds end: SUCCESS at once (to the balance), CHANGE (退款异常), or PROCESSING until settleRefunds(). */
  refundOutcome: 'SUCCESS' | 'CHANGE' | 'PROCESSING' = 'SUCCESS'
  /** Extra copies of every delivery, sent at once (WeChat does deliver a notification more than once). */
  duplicateDeliveries = 0

  constructor(private readonly opts: WxPayEmulatorOptions) {
    this.now = opts.now ?? Date.now
    this.retryMs = opts.retryMs ?? WECHAT_RETRY_MS
    this.ids = { appid: opts.appid ?? 'wx-local-sp-appid', mchId: opts.mchId ?? '1900000001', subAppid: opts.subAppid ?? 'wx-local-appid' }
    this.load()
  }

  /** One `wx.wxPayApi` call: `apiName` and the snake_case request; answers WeChat Pay's snake_case result. */
  handle(apiName: string, req: WxPayJson): WxPayJson {
    const answer = this.answer(apiName, req)
    if (apiName !== 'queryOrder' && apiName !== 'queryRefund') this.save()
    return answer
  }

  /** What WeChat's own sheet shows before the buyer pays; null for a prepay_id it never issued. */
  describePrepay(prepayId: string): { outTradeNo: string; totalFee: number; body: string; payable: boolean } | null {
    const t = this.trades.get(this.byPrepay.get(prepayId) ?? '')
    if (!t) return null
    return { outTradeNo: t.outTradeNo, totalFee: t.totalFee, body: t.body, payable: t.state === 'NOTPAY' && this.now() - t.prepaidAt <= PREPAY_TTL_MS }
  }

  /**
   * Refunds still PROCESSING end now with `status` (WeChat: minutes to days later), each notified to the function
   * its refund request named.
   */
  async settleRefunds(status: 'SUCCESS' | 'CHANGE' = 'SUCCESS'): Promise<void> {
    const open = [...this.refunds.values()].filter((x) => x.status === 'PROCESSING')
    for (const x of open) this.finishRefund(x, status)
    this.save()
    await Promise.all(open.map((x) => (x.functionName ? this.notify(x.functionName, this.refundEvent(this.trades.get(x.outTradeNo)!, x)) : undefined)))
  }

  private answer(apiName: string, req: WxPayJson): WxPayJson {
    switch (apiName) {
      case 'unifiedOrder':
        return this.unifiedOrder(req)
      case 'queryOrder':
        return this.withTrade(req, (t) => this.ok(t.subMchId, this.tradeFields(t)))
      case 'closeOrder':
        return this.withTrade(req, (t) => this.closeOrder(t))
      case 'refund':
        return this.refund(req)
      case 'queryRefund':
        return this.queryRefund(req)
      default:
        return fail(`不支持的接口 ${apiName}`)
    }
  }

  /**
   * The payment sheet's 确认支付: the buyer paid the prepay; the callback is delivered once now, then retried.
   * `hold`: the callback is owed but not sent yet (WeChat is slow): retryPending() or a retry timer sends it.
   */
  async userPaid(prepayId: string, opts: { hold?: boolean } = {}): Promise<UserPaid> {
    const t = this.trades.get(this.byPrepay.get(prepayId) ?? '')
    if (!t) return { ok: false, reason: 'PREPAY_NOT_FOUND' }
    if (t.state === 'CLOSED') return { ok: false, reason: 'ORDERCLOSED' }
    if (t.state === 'NOTPAY') {
      if (this.now() - t.prepaidAt > PREPAY_TTL_MS) return { ok: false, reason: 'PREPAY_EXPIRED' }
      t.state = 'SUCCESS'
      t.paidAt = this.now()
      t.timeEnd = wechatTime(t.paidAt)
      t.transactionId = `42000${wechatTime(t.paidAt)}${this.serial(9)}`
    }
    // Paid already: the same transaction is notified again, as a repeated WeChat notification would be. The payment and
    // the notification it owes are saved together (notify), so a crash never leaves a payment nobody is told about.
    const reply = await this.notify(t.functionName, this.paymentEvent(t), opts.hold)
    return { ok: true, outTradeNo: t.outTradeNo, transactionId: t.transactionId!, totalFee: t.totalFee, reply }
  }

  /** Callbacks not yet acknowledged with errcode 0. */
  pendingCallbacks(): WxPayJson[] {
    return [...this.pending].map((p) => p.event)
  }

  /** Delivers every unacknowledged callback now (what WeChat's next retry would do). */
  async retryPending(): Promise<void> {
    for (const p of [...this.pending]) await this.attempt(p)
  }

  /** Stops retrying; what is owed stays in the state file for the next emulator on the same file. */
  stop(): void {
    this.stopped = true
    for (const p of this.pending) clearTimeout(p.timer)
    this.pending.clear()
  }

  private unifiedOrder(r: WxPayJson): WxPayJson {
    if (!isStr(r.function_name) || !isStr(r.env_id)) return fail('缺少参数 function_name 或 env_id')
    if (!isStr(r.sub_mch_id)) return fail('缺少参数 sub_mch_id')
    if (!isStr(r.body)) return fail('缺少参数 body')
    if (!isOutNo(r.out_trade_no, 32)) return fail('out_trade_no 格式错误')
    if (!isFee(r.total_fee)) return fail('total_fee 必须为正整数（分）')
    if (!isStr(r.spbill_create_ip)) return fail('缺少参数 spbill_create_ip')
    const tradeType = r.trade_type ?? 'JSAPI'
    if (tradeType !== 'JSAPI') return fail(`不支持的 trade_type ${String(tradeType)}`)
    const subOpenid = isStr(r.sub_openid) ? r.sub_openid : isStr(r.openid) ? r.openid : ''
    if (!subOpenid) return this.bizFail(r.sub_mch_id, 'PARAM_ERROR', 'JSAPI 支付必须传 openid 或 sub_openid')
    const old = this.trades.get(r.out_trade_no)
    if (old) {
      if (old.state === 'SUCCESS' || old.state === 'REFUND') return this.bizFail(old.subMchId, 'ORDERPAID', '该订单已支付')
      if (old.state === 'CLOSED') return this.bizFail(old.subMchId, 'ORDERCLOSED', '该订单已关闭')
      if (old.totalFee !== r.total_fee || old.body !== r.body || old.subOpenid !== subOpenid) {
        return this.bizFail(old.subMchId, 'INVALID_REQUEST', '201 商户订单号重复')
      }
      // The same order asked again before it expires gets the same prepay_id.
      if (this.now() - old.prepaidAt <= PREPAY_TTL_MS) return this.prepayResult(old)
      this.byPrepay.delete(old.prepayId)
    }
    const t: Trade = {
      outTradeNo: r.out_trade_no,
      subMchId: r.sub_mch_id,
      body: r.body,
      totalFee: r.total_fee,
      attach: isStr(r.attach) ? r.attach : undefined,
      functionName: r.function_name,
      envId: r.env_id,
      subOpenid,
      prepayId: `wx${wechatTime(this.now())}${this.serial(18)}`,
      prepaidAt: this.now(),
      state: 'NOTPAY',
    }
    this.trades.set(t.outTradeNo, t)
    this.byPrepay.set(t.prepayId, t.outTradeNo)
    return this.prepayResult(t)
  }

  private prepayResult(t: Trade): WxPayJson {
    const nonce = this.nonce()
    const payment = { appId: this.ids.subAppid, timeStamp: String(Math.floor(this.now() / 1000)), nonceStr: nonce, package: `prepay_id=${t.prepayId}`, signType: 'MD5' }
    const paySign = createHash('md5').update(Object.entries(payment).map(([k, v]) => `${k}=${v}`).join('&')).digest('hex').toUpperCase()
    return this.ok(t.subMchId, { trade_type: 'JSAPI', prepay_id: t.prepayId, payment: { ...payment, paySign } })
  }

  private withTrade(r: WxPayJson, then: (t: Trade) => WxPayJson): WxPayJson {
    if (!isStr(r.sub_mch_id)) return fail('缺少参数 sub_mch_id')
    if (!isStr(r.out_trade_no) && !isStr(r.transaction_id)) return fail('out_trade_no 与 transaction_id 必须二选一')
    const t = isStr(r.out_trade_no) ? this.trades.get(r.out_trade_no) : [...this.trades.values()].find((x) => x.transactionId === r.transaction_id)
    if (!t || t.subMchId !== r.sub_mch_id) return this.bizFail(r.sub_mch_id, 'ORDERNOTEXIST', '此交易订单号不存在')
    return then(t)
  }

  private closeOrder(t: Trade): WxPayJson {
    if (t.state === 'SUCCESS' || t.state === 'REFUND') return this.bizFail(t.subMchId, 'ORDERPAID', '订单已支付，不能发起关单')
    if (t.state === 'CLOSED') return this.bizFail(t.subMchId, 'ORDERCLOSED', '订单已关闭，无法重复关闭')
    t.state = 'CLOSED'
    return this.ok(t.subMchId, {})
  }

  private refund(r: WxPayJson): WxPayJson {
    if (!isOutNo(r.out_refund_no, 64)) return fail('out_refund_no 格式错误')
    if (!isFee(r.total_fee) || !isFee(r.refund_fee)) return fail('total_fee 与 refund_fee 必须为正整数（分）')
    return this.withTrade(r, (t) => {
      const same = this.refunds.get(r.out_refund_no as string)
      if (same) {
        if (same.outTradeNo !== t.outTradeNo || same.refundFee !== r.refund_fee || same.totalFee !== r.total_fee) {
          return this.bizFail(t.subMchId, 'INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试')
        }
        // The same out_refund_no again refunds once: the first refund is answered.
        return this.ok(t.subMchId, this.refundFields(t, same))
      }
      if (t.state === 'NOTPAY' || t.state === 'CLOSED') return this.bizFail(t.subMchId, 'TRADE_STATE_ERROR', '订单状态错误')
      if (r.total_fee !== t.totalFee) return this.bizFail(t.subMchId, 'INVALID_REQUEST', '订单金额与支付金额不一致')
      if (this.now() - (t.paidAt ?? 0) > REFUND_WINDOW_MS) return this.bizFail(t.subMchId, 'ERROR', '订单已经超过退款期限')
      const earlier = this.refundsOf(t)
      if (earlier.length >= MAX_REFUNDS_PER_ORDER) return this.bizFail(t.subMchId, 'ERROR', '退款次数超过限制')
      const refunded = earlier.reduce((s, x) => s + x.refundFee, 0)
      if (refunded + (r.refund_fee as number) > t.totalFee) return this.bizFail(t.subMchId, 'INVALID_REQUEST', '退款金额大于订单可退金额')
      if (this.failRefunds) return this.bizFail(t.subMchId, 'SYSTEMERROR', '系统超时，请用相同参数再次调用')
      const refund: Refund = {
        outRefundNo: r.out_refund_no as string,
        refundId: `50300${wechatTime(this.now())}${this.serial(13)}`,
        outTradeNo: t.outTradeNo,
        refundFee: r.refund_fee as number,
        totalFee: t.totalFee,
        status: 'PROCESSING',
        functionName: isStr(r.function_name) ? r.function_name : undefined,
      }
      this.refunds.set(refund.outRefundNo, refund)
      if (refunded + refund.refundFee === t.totalFee) t.state = 'REFUND'
      // The request only accepts the refund. Refunds to the balance end at once (by default), WeChat's within minutes;
      // either way the result notice comes later (on the first retry delay, or retryPending()).
      if (this.refundOutcome !== 'PROCESSING') {
        this.finishRefund(refund, this.refundOutcome)
        if (refund.functionName) void this.notify(refund.functionName, this.refundEvent(t, refund), true)
      }
      return this.ok(t.subMchId, this.refundFields(t, refund))
    })
  }

  private queryRefund(r: WxPayJson): WxPayJson {
    if (!isStr(r.sub_mch_id)) return fail('缺少参数 sub_mch_id')
    let list: Refund[]
    if (isStr(r.out_refund_no)) list = [this.refunds.get(r.out_refund_no)].filter((x): x is Refund => !!x)
    else if (isStr(r.out_trade_no) || isStr(r.transaction_id)) {
      const t = isStr(r.out_trade_no) ? this.trades.get(r.out_trade_no) : [...this.trades.values()].find((x) => x.transactionId === r.transaction_id)
      list = t ? this.refundsOf(t) : []
    } else return fail('out_refund_no、out_trade_no、transaction_id 必须四选一')
    const t = list[0] && this.trades.get(list[0].outTradeNo)
    if (!t || t.subMchId !== r.sub_mch_id) return this.bizFail(r.sub_mch_id, 'REFUNDNOTEXIST', '退款订单查询失败')
    const rows: WxPayJson = {}
    list.forEach((x, n) => {
      Object.assign(rows, {
        [`out_refund_no_${n}`]: x.outRefundNo,
        [`refund_id_${n}`]: x.refundId,
        [`refund_channel_${n}`]: 'ORIGINAL',
        [`refund_fee_${n}`]: x.refundFee,
        [`settlement_refund_fee_${n}`]: x.refundFee,
        [`refund_status_${n}`]: x.status,
        [`refund_account_${n}`]: 'REFUND_SOURCE_UNSETTLED_FUNDS',
        [`refund_recv_accout_${n}`]: '支付用户零钱',
        ...(x.successTime ? { [`refund_success_time_${n}`]: x.successTime } : {}),
      })
    })
    return this.ok(t.subMchId, {
      transaction_id: t.transactionId,
      out_trade_no: t.outTradeNo,
      total_fee: t.totalFee,
      cash_fee: t.totalFee,
      refund_count: list.length,
      ...rows,
    })
  }

  private finishRefund(x: Refund, status: 'SUCCESS' | 'CHANGE'): void {
    x.status = status
    if (status === 'SUCCESS') x.successTime = wechatDateTime(this.now())
  }

  /**
   * 退款异常 handled by hand in the merchant platform (交易中心): the refund reaches the buyer after all. Only a later
   * queryRefund tells (WeChat sends no second callback).
   */
  resolveAbnormalRefund(outRefundNo: string): boolean {
    const x = this.refunds.get(outRefundNo)
    if (x?.status !== 'CHANGE') return false
    this.finishRefund(x, 'SUCCESS')
    this.save()
    return true
  }

  private refundsOf(t: Trade): Refund[] {
    return [...this.refunds.values()].filter((x) => x.outTradeNo === t.outTradeNo)
  }

  private tradeFields(t: Trade): WxPayJson {
    const desc: Record<TradeState, string> = { NOTPAY: '订单未支付', SUCCESS: '支付成功', CLOSED: '订单已关闭', REFUND: '订单发生过退款' }
    return {
      openid: `sp-${t.subOpenid}`,
      sub_openid: t.subOpenid,
      is_subscribe: 'N',
      trade_type: 'JSAPI',
      trade_state: t.state,
      trade_state_desc: desc[t.state],
      out_trade_no: t.outTradeNo,
      total_fee: t.totalFee,
      fee_type: 'CNY',
      ...(t.attach !== undefined ? { attach: t.attach } : {}),
      ...(t.transactionId ? { transaction_id: t.transactionId, bank_type: 'OTHERS', cash_fee: t.totalFee, cash_fee_type: 'CNY', time_end: t.timeEnd } : {}),
    }
  }

  private refundFields(t: Trade, x: Refund): WxPayJson {
    return {
      transaction_id: t.transactionId,
      out_trade_no: t.outTradeNo,
      out_refund_no: x.outRefundNo,
      refund_id: x.refundId,
      refund_fee: x.refundFee,
      settlement_refund_fee: x.refundFee,
      total_fee: t.totalFee,
      cash_fee: t.totalFee,
      cash_refund_fee: x.refundFee,
    }
  }

  /** The fields every notification (payment or refund result) starts with. */
  private notifyHead(t: Trade): WxPayJson {
    return { returnCode: 'SUCCESS', appid: this.ids.appid, mchId: this.ids.mchId, subAppid: this.ids.subAppid, subMchId: t.subMchId, nonceStr: this.nonce() }
  }

  /** 支付结果通知, as cloudPay hands it to the function: camelCase, no sign (the platform verified it). */
  private paymentEvent(t: Trade): WxPayJson {
    return {
      ...this.notifyHead(t),
      resultCode: 'SUCCESS',
      openid: `sp-${t.subOpenid}`,
      isSubscribe: 'N',
      subOpenid: t.subOpenid,
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: t.totalFee,
      feeType: 'CNY',
      cashFee: t.totalFee,
      transactionId: t.transactionId,
      outTradeNo: t.outTradeNo,
      ...(t.attach !== undefined ? { attach: t.attach } : {}),
      timeEnd: t.timeEnd,
    }
  }

  /** 退款结果通知 with req_info decrypted (cloudPay decrypts it; its exact field placement is not documented). */
  private refundEvent(t: Trade, x: Refund): WxPayJson {
    return {
      ...this.notifyHead(t),
      transactionId: t.transactionId,
      outTradeNo: t.outTradeNo,
      refundId: x.refundId,
      outRefundNo: x.outRefundNo,
      totalFee: t.totalFee,
      refundFee: x.refundFee,
      settlementRefundFee: x.refundFee,
      refundStatus: x.status,
      ...(x.successTime ? { successTime: x.successTime } : {}),
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    }
  }

  private async notify(functionName: string, event: WxPayJson, hold = false): Promise<unknown> {
    const p: Pending = { functionName, event, attempts: 0 }
    this.pending.add(p)
    this.save()
    if (!hold) return this.attempt(p)
    if (this.opts.retryTimers !== false) {
      p.timer = setTimeout(() => void this.attempt(p), this.retryMs[0] ?? 0)
      p.timer.unref()
    }
    return undefined
  }

  /** The payment-result notification WeChat (re)sends for a paid trade, as the function receives it; null if unpaid. */
  paymentNotice(outTradeNo: string): WxPayJson | null {
    const t = this.trades.get(outTradeNo)
    return t?.transactionId ? this.paymentEvent(t) : null
  }

  /** The refund-result notification for a refund that ended (SUCCESS or CHANGE); null otherwise. */
  refundNotice(outRefundNo: string): WxPayJson | null {
    const x = this.refunds.get(outRefundNo)
    return x && x.status !== 'PROCESSING' ? this.refundEvent(this.trades.get(x.outTradeNo)!, x) : null
  }

  private load(): void {
    const file = this.opts.stateFile
    if (!file || !existsSync(file)) return
    const s = JSON.parse(readFileSync(file, 'utf8')) as SavedState
    for (const t of s.trades) {
      this.trades.set(t.outTradeNo, t)
      this.byPrepay.set(t.prepayId, t.outTradeNo)
    }
    for (const x of s.refunds) this.refunds.set(x.outRefundNo, x)
    this.seq = s.seq
    // Callbacks owed before the restart are owed still: the next retry goes out on WeChat's first delay.
    for (const p of s.pending) {
      const owed: Pending = { ...p }
      this.pending.add(owed)
      if (this.opts.retryTimers !== false) {
        owed.timer = setTimeout(() => void this.attempt(owed), this.retryMs[0] ?? 0)
        owed.timer.unref()
      }
    }
  }

  /** Written whole and renamed into place, so a process killed mid-write leaves the previous state. */
  private save(): void {
    const file = this.opts.stateFile
    if (!file || this.stopped) return
    const state: SavedState = {
      trades: [...this.trades.values()],
      refunds: [...this.refunds.values()],
      pending: [...this.pending].map((p) => ({ functionName: p.functionName, event: p.event, attempts: p.attempts })),
      seq: this.seq,
    }
    writeFileSync(`${file}.tmp`, JSON.stringify(state))
    renameSync(`${file}.tmp`, file)
  }

  private async attempt(p: Pending): Promise<unknown> {
    clearTimeout(p.timer)
    p.attempts++
    const once = async (): Promise<unknown> => {
      try {
        return await this.opts.deliver(p.functionName, p.event)
      } catch (e) {
        return { errcode: -1, errmsg: e instanceof Error ? e.message : String(e) }
      }
    }
    const replies = await Promise.all(Array.from({ length: 1 + this.duplicateDeliveries }, once))
    // Acknowledged when any copy was answered errcode 0 (WeChat stops once it has its success).
    const reply = replies.find((r) => (r as { errcode?: unknown } | null)?.errcode === 0) ?? replies[0]
    if ((reply as { errcode?: unknown } | null)?.errcode === 0) {
      this.pending.delete(p)
    } else if (this.pending.has(p)) {
      const delay = this.retryMs[p.attempts - 1]
      if (delay === undefined) this.pending.delete(p)
      else if (this.opts.retryTimers !== false) {
        p.timer = setTimeout(() => void this.attempt(p), delay)
        p.timer.unref()
      }
    }
    this.save()
    return reply
  }

  private ok(subMchId: string, fields: WxPayJson): WxPayJson {
    return { return_code: 'SUCCESS', return_msg: 'OK', appid: this.ids.appid, mch_id: this.ids.mchId, sub_appid: this.ids.subAppid, sub_mch_id: subMchId, nonce_str: this.nonce(), sign: this.nonce().toUpperCase(), result_code: 'SUCCESS', ...fields }
  }

  private bizFail(subMchId: string, errCode: string, errCodeDes: string): WxPayJson {
    return { ...this.ok(subMchId, {}), result_code: 'FAIL', err_code: errCode, err_code_des: errCodeDes }
  }

  private nonce(): string {
    return randomBytes(16).toString('hex')
  }

  /** Unique in this emulator (a counter) and across restarts (random digits): transaction ids key payment records. */
  private serial(digits: number): string {
    const random = [...randomBytes(digits)].map((b) => b % 10).join('')
    return (random + String(++this.seq).padStart(4, '0')).slice(-digits)
  }
}
