import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { authorization } from '../../cloudfunctions/promoters/transfer/v3'
import { TRANSFER_PATH, TransferProviderError, WechatTransferGateway, wechatConfigFromEnv } from '../../cloudfunctions/promoters/transfer/wechat'
import type { CallbackRequest } from '../../local/platform/transfer/emulator'
import { faultsFromEnv, startTransferPlatform, type TransferPlatform } from '../../local/platform/transfer/server'

/**
 * The WeChat Pay v3 merchant-transfer emulator (local/platform/transfer) driven by the production client
 * (cloudfunctions/promoters/transfer/wechat.ts) over HTTP, and by hand-signed requests for what the client never
 * sends. Time is an input: the emulator and the client read `now` below.
 */
const T0 = Date.parse('2026-11-23T14:00:00+08:00')
let now = T0
let dir: string
let platform: TransferPlatform
let delivered: CallbackRequest[] = []
let answer = 200

async function start() {
  platform = await startTransferPlatform({
    dataDir: dir,
    notifyUrl: 'https://env.example.com/promoters/transfer-notify',
    now: () => now,
    retryTimer: false,
    deliver: async (_url, req) => {
      delivered.push(req)
      return answer
    },
  })
}

beforeEach(async () => {
  now = T0
  delivered = []
  answer = 200
  dir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-transfer-'))
  await start()
})
afterEach(async () => {
  await platform.close()
  rmSync(dir, { recursive: true, force: true })
})

const client = (over: Record<string, string> = {}) => new WechatTransferGateway(wechatConfigFromEnv({ ...platform.env, ...over }), undefined, () => now)
const asEvent = (r: CallbackRequest) => ({ httpMethod: 'POST', headers: r.headers, body: r.body, isBase64Encoded: false })
const k = () => platform.emulator.keys

/** A request signed as the merchant (or as someone else), straight to the emulator. */
async function signed(method: string, urlPath: string, payload: unknown, as: { privateKey?: string; serial?: string; timestamp?: string; sentBody?: string } = {}) {
  const body = payload === undefined ? '' : JSON.stringify(payload)
  const auth = authorization(
    { mchId: k().mchId, serial: as.serial ?? k().merchantSerial, privateKey: as.privateKey ?? k().merchantPrivateKey },
    { method, urlPath, body, timestamp: as.timestamp ?? String(Math.floor(now / 1000)) },
  )
  const r = await platform.emulator.handle({ method, path: urlPath, headers: { authorization: auth }, body: as.sentBody ?? body })
  return { status: r.status, json: JSON.parse(r.body) as Record<string, unknown> }
}

const bill = (over: Record<string, unknown> = {}) => ({
  appid: k().appId,
  out_bill_no: 'w0001',
  transfer_scene_id: '1000',
  openid: 'o_promoter',
  transfer_amount: 544,
  transfer_remark: '团卡推手佣金提现',
  notify_url: 'https://env.example.com/promoters/transfer-notify',
  transfer_scene_report_infos: [
    { info_type: '活动名称', info_content: '团卡推手佣金' },
    { info_type: '奖励说明', info_content: '分享团购获得的佣金提现' },
  ],
  ...over,
})

describe('WeChat Pay v3 商家转账 emulator', () => {
  it('the production client creates and queries a bill; 确认收款 ends it SUCCESS and its callback verifies with the production verifier', async () => {
    const gw = client()
    const created = await gw.create({ outBillNo: 'w0001', openid: 'o_promoter', amountFen: 544, remark: '团卡推手佣金提现' })
    expect(created).toEqual({ state: 'WAIT_USER_CONFIRM', packageInfo: expect.any(String) })
    expect(await gw.query('w0001')).toEqual({ state: 'WAIT_USER_CONFIRM' })
    expect(await gw.query('w0404')).toEqual({ state: 'NOT_FOUND' })
    // Asking again for the same bill answers it, never a second one.
    expect(await gw.create({ outBillNo: 'w0001', openid: 'o_promoter', amountFen: 544, remark: '团卡推手佣金提现' })).toEqual(created)

    expect(await platform.emulator.sheet(created.packageInfo!, 'confirm')).toEqual({ ok: true, state: 'SUCCESS', delivered: true })
    expect(delivered).toHaveLength(1)
    expect(await gw.verifyCallback(asEvent(delivered[0]))).toEqual({ outBillNo: 'w0001', state: 'SUCCESS', amountFen: 544, openid: 'o_promoter' })
    const notice = JSON.parse(delivered[0].body)
    expect(notice).toMatchObject({ event_type: 'MCHTRANSFER.BILL.FINISHED', resource_type: 'encrypt-resource', resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'mch_payment', associated_data: 'mch_payment' } })
    expect(await gw.query('w0001')).toEqual({ state: 'SUCCESS' })
    // Acknowledged: nothing more is sent.
    now += 24 * 3600 * 1000
    await platform.emulator.tick()
    expect(delivered).toHaveLength(1)
    // The query answer carries WeChat's documented fields.
    const q = await signed('GET', `${TRANSFER_PATH}/out-bill-no/w0001`, undefined)
    expect(q).toEqual({ status: 200, json: expect.objectContaining({ mch_id: k().mchId, out_bill_no: 'w0001', appid: k().appId, state: 'SUCCESS', transfer_amount: 544, openid: 'o_promoter', create_time: '2026-11-23T14:00:00+08:00' }) })
    const byNo = await signed('GET', `${TRANSFER_PATH}/transfer-bill-no/${q.json.transfer_bill_no}`, undefined)
    expect(byNo.json.out_bill_no).toBe('w0001')
  })

  it('refuses requests the configured merchant did not sign: another key, another serial, an old timestamp, a body changed after signing, none', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const refusals = [
      await signed('POST', TRANSFER_PATH, bill(), { privateKey: other }),
      await signed('POST', TRANSFER_PATH, bill(), { serial: 'ABCDEF0123' }),
      await signed('POST', TRANSFER_PATH, bill(), { timestamp: String(Math.floor(now / 1000) - 301) }),
      await signed('POST', TRANSFER_PATH, bill(), { sentBody: JSON.stringify(bill({ transfer_amount: 54400 })) }),
      await platform.emulator.handle({ method: 'POST', path: TRANSFER_PATH, headers: {}, body: JSON.stringify(bill()) }).then((r) => ({ status: r.status, json: JSON.parse(r.body) })),
    ]
    for (const r of refusals) expect(r).toEqual({ status: 401, json: { code: 'SIGN_ERROR', message: expect.any(String) } })
    expect((await signed('GET', `${TRANSFER_PATH}/out-bill-no/w0001`, undefined)).status).toBe(404)
    // The production client with a key WeChat Pay does not know: refused, and it says so rather than failing the bill.
    await expect(client({ TUANKA_MCH_PRIVATE_KEY: other }).create({ outBillNo: 'w0002', openid: 'o_p', amountFen: 100, remark: 'x' })).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' })
    // An answer not signed by the WeChat Pay key the merchant configured is not believed.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    await expect(client({ TUANKA_WECHATPAY_PUBLIC_KEY: stranger }).query('w0001')).rejects.toBeInstanceOf(TransferProviderError)
  })

  it('checks the create request as WeChat documents it, and creates nothing it refuses', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ appid: 'wx-someone-else' }, 400, 'INVALID_REQUEST'],
      [{ out_bill_no: 'w-0001' }, 400, 'PARAM_ERROR'],
      [{ out_bill_no: 'w'.repeat(33) }, 400, 'PARAM_ERROR'],
      [{ transfer_scene_id: '1005' }, 403, 'NO_AUTH'],
      [{ openid: '' }, 400, 'PARAM_ERROR'],
      [{ transfer_amount: 5.5 }, 400, 'PARAM_ERROR'],
      [{ transfer_amount: 200_000 }, 400, 'PARAM_ERROR'], // ≥ 2000 元 needs user_name
      [{ transfer_remark: '佣'.repeat(33) }, 400, 'PARAM_ERROR'],
      [{ notify_url: 'ftp://x' }, 400, 'PARAM_ERROR'],
      [{ transfer_scene_report_infos: [{ info_type: '活动名称', info_content: '团卡推手佣金' }] }, 400, 'PARAM_ERROR'],
    ]
    for (const [over, status, code] of cases) expect([over, await signed('POST', TRANSFER_PATH, bill(over))]).toEqual([over, { status, json: { code, message: expect.any(String) } }])
    expect(platform.emulator.bill('w0001')).toBeUndefined()
    expect((await signed('POST', TRANSFER_PATH, bill({ transfer_remark: '佣'.repeat(32) }))).status).toBe(200)
    // The same out_bill_no with other content is a different request, refused; the first bill stands.
    expect(await signed('POST', TRANSFER_PATH, bill({ transfer_amount: 545 }))).toEqual({ status: 400, json: { code: 'INVALID_REQUEST', message: expect.any(String) } })
    expect(platform.emulator.bill('w0001')).toMatchObject({ amount: 544, state: 'WAIT_USER_CONFIRM' })
  })

  it('closing the page leaves the bill waiting; unconfirmed for 24 h it is cancelled, and the callback is retried on WeChat’s schedule until acknowledged', async () => {
    const created = await client().create({ outBillNo: 'w0003', openid: 'o_p', amountFen: 300, remark: '团卡推手佣金提现' })
    expect(await platform.emulator.sheet(created.packageInfo!, 'cancel')).toEqual({ ok: true, state: 'WAIT_USER_CONFIRM', delivered: false })
    now = T0 + 24 * 3600 * 1000 - 1
    await platform.emulator.tick()
    expect(delivered).toHaveLength(0)
    answer = 500
    now = T0 + 24 * 3600 * 1000
    await platform.emulator.tick()
    expect(delivered).toHaveLength(1)
    expect(await client().verifyCallback(asEvent(delivered[0]))).toMatchObject({ outBillNo: 'w0003', state: 'CANCELLED' })
    expect(await platform.emulator.sheet(created.packageInfo!, 'confirm')).toEqual({ ok: false, status: 409, code: 'PAYMENT_INVALID', message: '这笔转账已结束' })
    // 15 s, 15 s, 30 s: nothing before each is due.
    for (const wait of [15_000, 15_000, 30_000]) {
      const before = delivered.length
      now += wait - 1
      await platform.emulator.tick()
      expect(delivered).toHaveLength(before)
      now += 1
      await platform.emulator.tick()
      expect(delivered).toHaveLength(before + 1)
    }
    answer = 204
    now += 180_000
    await platform.emulator.tick()
    expect(delivered).toHaveLength(5)
    expect(platform.emulator.bill('w0003')!.notify).toEqual({ acked: true, attempts: 5, dueAt: null })
    now += 24 * 3600 * 1000
    await platform.emulator.tick()
    expect(delivered).toHaveLength(5)
  })

  it('keeps bills, keys and owed callbacks across a restart on the same data dir', async () => {
    const env = platform.env
    const waiting = await client().create({ outBillNo: 'w0004', openid: 'o_p', amountFen: 200, remark: '团卡推手佣金提现' })
    const paid = await client().create({ outBillNo: 'w0005', openid: 'o_p', amountFen: 300, remark: '团卡推手佣金提现' })
    answer = 500
    await platform.emulator.sheet(paid.packageInfo!, 'confirm')
    await platform.close()
    await start()
    const { TUANKA_TRANSFER_BASE_URL: _a, ...keysBefore } = env
    const { TUANKA_TRANSFER_BASE_URL: _b, ...keysAfter } = platform.env
    expect(keysAfter).toEqual(keysBefore)
    expect(await client().query('w0004')).toEqual({ state: 'WAIT_USER_CONFIRM' })
    expect(await client().query('w0005')).toEqual({ state: 'SUCCESS' })
    // The callback still owed is sent when due.
    answer = 200
    now += 15_000
    await platform.emulator.tick()
    expect(delivered.map((d) => JSON.parse(d.body).event_type)).toEqual(['MCHTRANSFER.BILL.FINISHED', 'MCHTRANSFER.BILL.FINISHED'])
    expect(platform.emulator.bill('w0005')!.notify.acked).toBe(true)
    expect(await platform.emulator.sheet(waiting.packageInfo!, 'confirm')).toEqual({ ok: true, state: 'SUCCESS', delivered: true })
  })

  it('fault switches: WeChat down, a refusal, bills that fail at once', async () => {
    const gw = client()
    platform.emulator.faults.down = true
    await expect(gw.create({ outBillNo: 'w0006', openid: 'o_p', amountFen: 200, remark: 'x' })).rejects.toMatchObject({ status: 500, code: 'SYSTEM_ERROR' })
    await expect(gw.query('w0006')).rejects.toMatchObject({ status: 500, code: 'SYSTEM_ERROR' })
    platform.emulator.faults.down = false
    expect(await gw.query('w0006')).toEqual({ state: 'NOT_FOUND' })

    platform.emulator.faults.refuse = { status: 403, code: 'NOT_ENOUGH', message: '商户运营账户资金不足' }
    expect(await gw.create({ outBillNo: 'w0007', openid: 'o_p', amountFen: 200, remark: 'x' })).toEqual({ state: 'FAIL', failReason: 'NOT_ENOUGH' })
    platform.emulator.faults.refuse = null

    platform.emulator.faults.failNew = 'PAYEE_ACCOUNT_ABNORMAL'
    expect(await gw.create({ outBillNo: 'w0008', openid: 'o_p', amountFen: 200, remark: 'x' })).toEqual({ state: 'FAIL', failReason: 'PAYEE_ACCOUNT_ABNORMAL' })
    expect(await gw.verifyCallback(asEvent(delivered[0]))).toMatchObject({ outBillNo: 'w0008', state: 'FAIL', failReason: 'PAYEE_ACCOUNT_ABNORMAL' })

    expect(faultsFromEnv('down')).toEqual({ down: true })
    expect(faultsFromEnv('lost')).toEqual({ callbacksLost: true })
    expect(faultsFromEnv('fail')).toEqual({ failNew: 'PAYEE_ACCOUNT_ABNORMAL' })
    expect(faultsFromEnv('fail:ACCOUNT_FROZEN')).toEqual({ failNew: 'ACCOUNT_FROZEN' })
    expect(faultsFromEnv(undefined)).toEqual({})
  })
})
