import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCloudbaseServer, type CloudbaseServer } from '../../local/cloudbase/src/server'
import { platformRoutes } from '../../local/platform/routes'
import { WxPayEmulator, wechatTime, type WxPayJson } from '../../local/platform/wxpay'
import { wxpayControl } from '../../local/platform/wxpay-control'

/**
 * The unmodified wx-server-sdk 4.0.2 (and the node-sdk 3.17.2 it carries) calls cloudPay against the local
 * CloudBase server, which answers through the emulator: what production code sees is what the SDK makes of it.
 */
const NOW = Date.UTC(2025, 2, 1, 4, 0, 0)
let now = NOW
let server: CloudbaseServer
let dataDir: string
let emulator: WxPayEmulator
let reply: unknown = { errcode: 0 }
const delivered: { fn: string; event: WxPayJson }[] = []
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pay: any

const order = (over: Record<string, unknown> = {}) => ({
  body: '团卡-双人套餐',
  outTradeNo: 'o_test_1',
  spbillCreateIp: '127.0.0.1',
  subMchId: '1900009231',
  totalFee: 5970,
  envId: 'local-env',
  functionName: 'payments',
  tradeType: 'JSAPI',
  subOpenid: 'buyer-openid',
  ...over,
})

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wxpay-'))
  emulator = new WxPayEmulator({
    now: () => now,
    retryTimers: false,
    deliver: async (fn, event) => {
      delivered.push({ fn, event })
      return reply
    },
  })
  server = await startCloudbaseServer({ dataDir, quiet: true, platform: platformRoutes(emulator) })
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: server.url })
  process.env.TENCENTCLOUD ||= 'true'
  process.env.TENCENTCLOUD_SECRETID ||= 'local-secret-id'
  process.env.TENCENTCLOUD_SECRETKEY ||= 'local-secret-key'
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  pay = cloud.cloudPay
})

afterAll(async () => {
  emulator.stop()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test('unifiedOrder answers the wx.requestPayment parameters; asking again for the same order gives the same prepay', async () => {
  const res = await pay.unifiedOrder(order())
  expect(res).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', tradeType: 'JSAPI', subMchId: '1900009231', errCode: 0, errMsg: 'cloudPay.unifiedOrder:ok' })
  expect(res.payment).toEqual({
    appId: expect.any(String),
    timeStamp: String(Math.floor(NOW / 1000)),
    nonceStr: expect.any(String),
    package: `prepay_id=${res.prepayId}`,
    signType: 'MD5',
    paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
  })
  expect((await pay.unifiedOrder(order())).prepayId).toBe(res.prepayId)
  const changed = await pay.unifiedOrder(order({ totalFee: 1 }))
  expect(changed).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCodeDes: '201 商户订单号重复' })
  // The SDK overwrites WeChat's err_code with its own errCode 0: only err_code_des reaches product code.
  expect(changed.errCode).toBe(0)
  expect(await pay.queryOrder({ subMchId: '1900009231', outTradeNo: 'o_test_1' })).toMatchObject({ resultCode: 'SUCCESS', tradeState: 'NOTPAY', totalFee: 5970 })
})

test('bad requests: a missing callback function or a non-integer amount is a return_code FAIL', async () => {
  expect(await pay.unifiedOrder(order({ outTradeNo: 'o_bad', functionName: undefined }))).toMatchObject({ returnCode: 'FAIL' })
  expect(await pay.unifiedOrder(order({ outTradeNo: 'o_bad', totalFee: 19.9 }))).toMatchObject({ returnCode: 'FAIL' })
  expect(await pay.unifiedOrder(order({ outTradeNo: 'o_bad', subOpenid: undefined }))).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCodeDes: expect.stringContaining('openid') })
  expect(await pay.queryOrder({ subMchId: '1900009231', outTradeNo: 'o_bad' })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '此交易订单号不存在' })
})

test('the buyer pays: the callback reaches the function named in unifiedOrder, retried until it answers errcode 0', async () => {
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_pay' }))
  delivered.length = 0
  reply = { errcode: 1, errmsg: 'busy' }
  now = NOW + 60_000
  const paid = await emulator.userPaid(prepayId)
  expect(paid).toMatchObject({ ok: true, outTradeNo: 'o_pay', totalFee: 5970, reply: { errcode: 1 } })
  if (!paid.ok) throw new Error('unreachable')
  const expected = {
    returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'o_pay', transactionId: paid.transactionId, totalFee: 5970, cashFee: 5970,
    subOpenid: 'buyer-openid', subMchId: '1900009231', tradeType: 'JSAPI', feeType: 'CNY', timeEnd: wechatTime(NOW + 60_000),
  }
  expect(delivered).toEqual([{ fn: 'payments', event: expect.objectContaining(expected) }])
  expect(emulator.pendingCallbacks()).toHaveLength(1)
  reply = { errcode: 0, errmsg: 'OK' }
  await emulator.retryPending()
  expect(delivered).toHaveLength(2)
  expect(delivered[1].event).toEqual(delivered[0].event)
  expect(emulator.pendingCallbacks()).toHaveLength(0)
  await emulator.retryPending()
  expect(delivered).toHaveLength(2)

  expect(await pay.queryOrder({ subMchId: '1900009231', outTradeNo: 'o_pay' })).toMatchObject({ tradeState: 'SUCCESS', transactionId: paid.transactionId, totalFee: 5970, subOpenid: 'buyer-openid', timeEnd: expected.timeEnd })
  expect(await pay.unifiedOrder(order({ outTradeNo: 'o_pay' }))).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' })
  expect(await pay.closeOrder({ subMchId: '1900009231', outTradeNo: 'o_pay' })).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('已支付') })
  expect(await emulator.userPaid('wx-unknown')).toEqual({ ok: false, reason: 'PREPAY_NOT_FOUND' })
})

test('closeOrder closes an unpaid order once; a closed order can be neither paid nor ordered again', async () => {
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_close' }))
  expect(await pay.closeOrder({ subMchId: '1900009231', outTradeNo: 'o_close' })).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS' })
  expect(await pay.closeOrder({ subMchId: '1900009231', outTradeNo: 'o_close' })).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('已关闭') })
  expect(await pay.queryOrder({ subMchId: '1900009231', outTradeNo: 'o_close' })).toMatchObject({ tradeState: 'CLOSED' })
  expect(await emulator.userPaid(prepayId)).toEqual({ ok: false, reason: 'ORDERCLOSED' })
  expect(await pay.unifiedOrder(order({ outTradeNo: 'o_close' }))).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已关闭' })
})

test('a prepay expires after two hours', async () => {
  now = NOW
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_late' }))
  now = NOW + 2 * 3600_000 + 1
  expect(await emulator.userPaid(prepayId)).toEqual({ ok: false, reason: 'PREPAY_EXPIRED' })
  now = NOW
})

test('refunds: partial, idempotent by out_refund_no, never more than was paid; queryRefund lists them; the refund callback is delivered', async () => {
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_ref', totalFee: 3000 }))
  expect(await pay.refund({ subMchId: '1900009231', outTradeNo: 'o_ref', outRefundNo: 'r0', totalFee: 3000, refundFee: 1000 })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单状态错误' })
  await emulator.userPaid(prepayId)
  delivered.length = 0
  const refund = (outRefundNo: string, refundFee: number, totalFee = 3000) =>
    pay.refund({ subMchId: '1900009231', outTradeNo: 'o_ref', outRefundNo, totalFee, refundFee, envId: 'local-env', functionName: 'payments' })
  const first = await refund('r1', 1000)
  expect(first).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', outRefundNo: 'r1', refundFee: 1000, totalFee: 3000, refundId: expect.any(String) })
  expect(await refund('r1', 1000)).toMatchObject({ resultCode: 'SUCCESS', refundId: first.refundId })
  expect(await refund('r1', 1500)).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('不一致') })
  expect(await refund('r2', 1000, 2999)).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('不一致') })
  expect(await refund('r2', 2001)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '退款金额大于订单可退金额' })
  emulator.failRefunds = true
  expect(await refund('r2', 2000)).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('系统超时') })
  emulator.failRefunds = false
  expect(await refund('r2', 2000)).toMatchObject({ resultCode: 'SUCCESS', refundFee: 2000 })
  expect(await pay.queryOrder({ subMchId: '1900009231', outTradeNo: 'o_ref' })).toMatchObject({ tradeState: 'REFUND' })
  expect(await pay.queryRefund({ subMchId: '1900009231', outTradeNo: 'o_ref' })).toMatchObject({
    resultCode: 'SUCCESS', refundCount: 2, outRefundNo_0: 'r1', refundFee_0: 1000, refundStatus_0: 'SUCCESS', outRefundNo_1: 'r2', refundFee_1: 2000,
  })
  expect(await pay.queryRefund({ subMchId: '1900009231', outRefundNo: 'nope' })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '退款订单查询失败' })
  // The result notices come later (WeChat's first retry delay): nothing yet, then delivered on the retry.
  expect(delivered).toEqual([])
  await emulator.retryPending()
  expect(delivered.map((d) => [d.fn, d.event.outRefundNo, d.event.refundFee, d.event.refundStatus])).toEqual([
    ['payments', 'r1', 1000, 'SUCCESS'],
    ['payments', 'r2', 2000, 'SUCCESS'],
  ])
})

test('an unknown cloudPay method is a return_code FAIL; a malformed platform body is a TCB error the SDK throws', async () => {
  expect(await pay.downloadFundFlow({ subMchId: '1900009231' })).toMatchObject({ returnCode: 'FAIL' })
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.nothing\r\n--x--\r\n' })
  expect(await res.json()).toEqual({ code: 'INVALID_ACTION', message: 'unknown platform action "wx.nothing"' })
})

test('refunds that end later or abnormal: PROCESSING until settled, CHANGE (退款异常) until handled by hand', async () => {
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_slow', totalFee: 3000 }))
  reply = { errcode: 0 }
  await emulator.userPaid(prepayId)
  delivered.length = 0
  const refund = (outRefundNo: string) => pay.refund({ subMchId: '1900009231', outTradeNo: 'o_slow', outRefundNo, totalFee: 3000, refundFee: 1000, envId: 'local-env', functionName: 'payments' })
  const status = async (outRefundNo: string) => (await pay.queryRefund({ subMchId: '1900009231', outRefundNo })).refundStatus_0
  try {
    emulator.refundOutcome = 'PROCESSING'
    expect(await refund('s1')).toMatchObject({ resultCode: 'SUCCESS', outRefundNo: 's1' })
    expect(await status('s1')).toBe('PROCESSING')
    await emulator.retryPending()
    expect(delivered).toEqual([])
    await emulator.settleRefunds('SUCCESS')
    expect(await status('s1')).toBe('SUCCESS')
    expect(delivered.map((d) => [d.event.outRefundNo, d.event.refundStatus, typeof d.event.successTime])).toEqual([['s1', 'SUCCESS', 'string']])

    emulator.refundOutcome = 'CHANGE'
    await refund('s2')
    expect(await status('s2')).toBe('CHANGE')
    await emulator.retryPending()
    expect(delivered.map((d) => [d.event.outRefundNo, d.event.refundStatus, d.event.successTime])).toEqual([['s1', 'SUCCESS', expect.any(String)], ['s2', 'CHANGE', undefined]])
    // The merchant platform's manual handling: queryRefund says SUCCESS afterwards, no second notice.
    expect(emulator.resolveAbnormalRefund('s2')).toBe(true)
    expect(emulator.resolveAbnormalRefund('s2')).toBe(false)
    expect(await status('s2')).toBe('SUCCESS')
    expect(emulator.refundNotice('s2')).toMatchObject({ outRefundNo: 's2', refundStatus: 'SUCCESS' })
  } finally {
    emulator.refundOutcome = 'SUCCESS'
  }
})

test('duplicate deliveries: every attempt sent twice at once, acknowledged once', async () => {
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_dup' }))
  delivered.length = 0
  reply = { errcode: 0 }
  emulator.duplicateDeliveries = 1
  try {
    expect(await emulator.userPaid(prepayId)).toMatchObject({ ok: true, reply: { errcode: 0 } })
  } finally {
    emulator.duplicateDeliveries = 0
  }
  expect(delivered).toHaveLength(2)
  expect(delivered[0].event).toEqual(delivered[1].event)
  expect(emulator.pendingCallbacks()).toEqual([])
})

test('state survives a restart: a new emulator on the same file knows what was paid and still owes its callbacks', async () => {
  const file = join(dataDir, 'wxpay-restart.json')
  const sent: WxPayJson[] = []
  let answer: unknown = { errcode: 1, errmsg: 'down' }
  const make = () => new WxPayEmulator({ now: () => now, retryTimers: false, stateFile: file, deliver: async (_fn, event) => (sent.push(event), answer) })
  const first = make()
  const req = { sub_mch_id: '1900009231', out_trade_no: 'o_saved', body: '团卡-测试', total_fee: 1990, spbill_create_ip: '127.0.0.1', function_name: 'payments', env_id: 'local-env', sub_openid: 'buyer-openid' }
  const prepayId = first.handle('unifiedOrder', req).prepay_id as string
  expect(first.describePrepay(prepayId)).toEqual({ outTradeNo: 'o_saved', totalFee: 1990, body: '团卡-测试', payable: true })
  expect(first.describePrepay('wx-unknown')).toBeNull()
  await first.userPaid(prepayId)
  expect(first.pendingCallbacks()).toHaveLength(1)
  first.stop()

  const second = make()
  expect(second.handle('queryOrder', { sub_mch_id: '1900009231', out_trade_no: 'o_saved' })).toMatchObject({ trade_state: 'SUCCESS', transaction_id: sent[0].transactionId })
  expect(second.describePrepay(prepayId)).toMatchObject({ payable: false })
  expect(second.pendingCallbacks()).toEqual([sent[0]])
  answer = { errcode: 0 }
  await second.retryPending()
  expect(sent).toHaveLength(2)
  expect(second.pendingCallbacks()).toEqual([])
  second.stop()
  expect(make().pendingCallbacks()).toEqual([])
})

test('the emulator controls on the serviceUrl (what the reliability suite uses when it runs in another process)', async () => {
  const { prepayId } = await pay.unifiedOrder(order({ outTradeNo: 'o_ctl' }))
  reply = { errcode: 1, errmsg: 'busy' }
  expect(await wxpayControl(server.url, 'userPaid', { prepayId })).toMatchObject({ ok: true, outTradeNo: 'o_ctl', reply: { errcode: 1 } })
  expect((await wxpayControl(server.url, 'pending')).pending).toMatchObject([{ outTradeNo: 'o_ctl' }])
  reply = { errcode: 0 }
  expect(await wxpayControl(server.url, 'retryPending')).toEqual({ pending: 0 })
  await expect(wxpayControl(server.url, 'nothing' as 'pending')).rejects.toThrow('INVALID_ACTION')
})
