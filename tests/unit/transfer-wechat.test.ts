import { generateKeyPairSync } from 'node:crypto'
import { TRANSFER_PATH, TransferProviderError, WechatTransferGateway, wechatConfigFromEnv, type Fetch, type WechatTransferConfig } from '../../cloudfunctions/promoters/transfer/wechat'
import { buildTransferCallback, newNonce, requestMessage, responseMessage, signMessage, verifyMessage } from '../../cloudfunctions/promoters/transfer/v3'

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }
}
const merchant = pair()
const wechat = pair()
const NOW = Date.UTC(2025, 2, 1, 4)
const KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000'
const config: WechatTransferConfig = {
  mchId: '1900001109', appId: 'wxf636efh567hg4356', serial: 'MCHSERIAL01', privateKey: merchant.privateKey, publicKey: wechat.publicKey,
  publicKeyId: KEY_ID, apiV3Key: 'abcdefghijklmnopqrstuvwxyz012345', notifyUrl: 'https://env.example.com/promoters/transfer-notify',
  baseUrl: 'https://api.mch.weixin.qq.com', sceneId: '1000', perception: '现金奖励', reportInfos: [{ info_type: '活动名称', info_content: '团卡推手佣金' }, { info_type: '奖励说明', info_content: '分享团购获得的佣金提现' }],
}

interface Seen { url: string; method: string; headers: Record<string, string>; body?: string }

/** A fake api.mch.weixin.qq.com: checks the merchant's signature, answers signed with "WeChat's" key. */
function fakeWechat(route: (req: Seen) => { status: number; json?: unknown; unsigned?: boolean; signer?: string }) {
  const seen: Seen[] = []
  const fetchImpl: Fetch = async (url, init) => {
    const req = { url, method: init.method, headers: init.headers, body: init.body }
    seen.push(req)
    const auth = /^WECHATPAY2-SHA256-RSA2048 mchid="(\w+)",nonce_str="(\w+)",signature="([^"]+)",timestamp="(\d+)",serial_no="(\w+)"$/.exec(init.headers.Authorization)
    const path = new URL(url).pathname
    const authentic = !!auth && verifyMessage(merchant.publicKey, requestMessage(init.method, path, auth[4], auth[2], init.body ?? ''), auth[3])
    const r = authentic ? route(req) : { status: 401, json: { code: 'SIGN_ERROR', message: '签名错误' } }
    const text = r.json === undefined ? '' : JSON.stringify(r.json)
    const ts = String(Math.floor(NOW / 1000))
    const nonce = newNonce()
    const headers: Record<string, string> = r.unsigned
      ? {}
      : { 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': nonce, 'Wechatpay-Serial': KEY_ID, 'Wechatpay-Signature': signMessage(r.signer ?? wechat.privateKey, responseMessage(ts, nonce, text)) }
    return { status: r.status, headers: { get: (n: string) => headers[Object.keys(headers).find((k) => k.toLowerCase() === n.toLowerCase()) ?? ''] ?? null }, text: async () => text }
  }
  return { seen, fetchImpl }
}

const gw = (f: Fetch) => new WechatTransferGateway(config, f, () => NOW)

describe('WechatTransferGateway against a fake WeChat Pay', () => {
  it('create: the documented request, signed; answers the state and package_info', async () => {
    const bills = new Map<string, string>()
    const { seen, fetchImpl } = fakeWechat((req) => {
      const b = JSON.parse(req.body!)
      bills.set(b.out_bill_no, 'WAIT_USER_CONFIRM')
      return { status: 200, json: { out_bill_no: b.out_bill_no, transfer_bill_no: '1330000071100999991182020050700019480001', create_time: '2025-03-01T12:00:00+08:00', state: 'WAIT_USER_CONFIRM', package_info: 'affffddafdfafddffda==' } }
    })
    const r = await gw(fetchImpl).create({ outBillNo: 'wabc', openid: 'o-user', amountFen: 544, remark: '团卡推手佣金提现' })
    expect(r).toEqual({ state: 'WAIT_USER_CONFIRM', packageInfo: 'affffddafdfafddffda==' })
    expect(seen[0].url).toBe(`https://api.mch.weixin.qq.com${TRANSFER_PATH}`)
    expect(seen[0].method).toBe('POST')
    expect(seen[0].headers).toMatchObject({ Accept: 'application/json', 'Content-Type': 'application/json', 'Wechatpay-Serial': KEY_ID })
    expect(JSON.parse(seen[0].body!)).toEqual({
      appid: 'wxf636efh567hg4356', out_bill_no: 'wabc', transfer_scene_id: '1000', openid: 'o-user', transfer_amount: 544, transfer_remark: '团卡推手佣金提现',
      notify_url: 'https://env.example.com/promoters/transfer-notify', user_recv_perception: '现金奖励',
      transfer_scene_report_infos: [{ info_type: '活动名称', info_content: '团卡推手佣金' }, { info_type: '奖励说明', info_content: '分享团购获得的佣金提现' }],
    })
    expect(gw(fetchImpl).params('affffddafdfafddffda==')).toEqual({ provider: 'wechat', mchId: '1900001109', appId: 'wxf636efh567hg4356', package: 'affffddafdfafddffda==' })
  })

  it('query: GET by out_bill_no; SUCCESS, FAIL with its reason, NOT_FOUND', async () => {
    const states: Record<string, unknown> = { w1: { state: 'SUCCESS' }, w2: { state: 'FAIL', fail_reason: 'ACCOUNT_FROZEN' } }
    const { seen, fetchImpl } = fakeWechat((req) => {
      const id = decodeURIComponent(req.url.split('/').pop()!)
      return states[id] ? { status: 200, json: { out_bill_no: id, ...(states[id] as object) } } : { status: 404, json: { code: 'NOT_FOUND', message: '记录不存在' } }
    })
    const g = gw(fetchImpl)
    expect(await g.query('w1')).toEqual({ state: 'SUCCESS' })
    expect(await g.query('w2')).toEqual({ state: 'FAIL', failReason: 'ACCOUNT_FROZEN' })
    expect(await g.query('w3')).toEqual({ state: 'NOT_FOUND' })
    expect(seen[0]).toMatchObject({ method: 'GET', url: `https://api.mch.weixin.qq.com${TRANSFER_PATH}/out-bill-no/w1` })
    expect(seen[0].body).toBeUndefined()
  })

  it('a refusal fails only once WeChat confirms there is no bill; busy answers and unsigned successes throw', async () => {
    let exists = false
    const { fetchImpl } = fakeWechat((req) => {
      if (req.method === 'POST') return { status: 403, json: { code: 'NOT_ENOUGH', message: '资金不足' } }
      return exists ? { status: 200, json: { state: 'WAIT_USER_CONFIRM' } } : { status: 404, json: { code: 'NOT_FOUND', message: '记录不存在' } }
    })
    expect(await gw(fetchImpl).create({ outBillNo: 'w9', openid: 'o', amountFen: 100, remark: 'r' })).toEqual({ state: 'FAIL', failReason: 'NOT_ENOUGH' })
    exists = true
    expect(await gw(fetchImpl).create({ outBillNo: 'w9', openid: 'o', amountFen: 100, remark: 'r' })).toEqual({ state: 'WAIT_USER_CONFIRM' })

    const busy = fakeWechat(() => ({ status: 500, json: { code: 'SYSTEM_ERROR', message: '系统错误' } }))
    await expect(gw(busy.fetchImpl).create({ outBillNo: 'w9', openid: 'o', amountFen: 100, remark: 'r' })).rejects.toBeInstanceOf(TransferProviderError)
    const limited = fakeWechat(() => ({ status: 429, json: { code: 'FREQUENCY_LIMITED', message: '频率超限' } }))
    await expect(gw(limited.fetchImpl).create({ outBillNo: 'w9', openid: 'o', amountFen: 100, remark: 'r' })).rejects.toBeInstanceOf(TransferProviderError)
    const unsigned = fakeWechat(() => ({ status: 200, json: { state: 'SUCCESS' }, unsigned: true }))
    await expect(gw(unsigned.fetchImpl).query('w9')).rejects.toThrow(/signature/)
    const forged = fakeWechat(() => ({ status: 200, json: { state: 'SUCCESS' }, signer: pair().privateKey }))
    await expect(gw(forged.fetchImpl).query('w9')).rejects.toThrow(/signature/)
    const forgedNotFound = fakeWechat(() => ({ status: 404, json: { code: 'NOT_FOUND' }, signer: pair().privateKey }))
    await expect(gw(forgedNotFound.fetchImpl).query('w9')).rejects.toThrow(/signature/)
  })

  it('a request signed with the wrong merchant key is refused by the fake (the signature covers path and body)', async () => {
    const { fetchImpl } = fakeWechat(() => ({ status: 200, json: { state: 'SUCCESS' } }))
    const wrong = new WechatTransferGateway({ ...config, privateKey: pair().privateKey }, fetchImpl, () => NOW)
    await expect(wrong.query('w1')).rejects.toThrow(/SIGN_ERROR|401/)
  })

  it('verifyCallback: WeChat-signed and APIv3-encrypted only', async () => {
    const g = gw(fakeWechat(() => ({ status: 500 })).fetchImpl)
    const bill = { out_bill_no: 'w1', state: 'CANCELLED', transfer_amount: 100, openid: 'o' }
    expect(await g.verifyCallback(buildTransferCallback({ privateKey: wechat.privateKey, publicKeyId: KEY_ID, apiV3Key: config.apiV3Key }, bill, NOW))).toEqual({ outBillNo: 'w1', state: 'CANCELLED', amountFen: 100, openid: 'o' })
    expect(await g.verifyCallback(buildTransferCallback({ privateKey: merchant.privateKey, publicKeyId: KEY_ID, apiV3Key: config.apiV3Key }, bill, NOW))).toBeNull()
    expect(await g.verifyCallback(buildTransferCallback({ privateKey: wechat.privateKey, publicKeyId: KEY_ID, apiV3Key: 'z'.repeat(32) }, bill, NOW))).toBeNull()
  })

  it('configuration comes from the environment', () => {
    const c = wechatConfigFromEnv({ TUANKA_MCH_ID: 'm', TUANKA_APPID: 'a', TUANKA_MCH_SERIAL: 's', TUANKA_MCH_PRIVATE_KEY: 'A\\nB', TUANKA_APIV3_KEY: 'k', TUANKA_TRANSFER_NOTIFY_URL: 'https://n' })
    expect(c).toMatchObject({ mchId: 'm', appId: 'a', serial: 's', privateKey: 'A\nB', apiV3Key: 'k', notifyUrl: 'https://n', sceneId: '1000', perception: '现金奖励', publicKeyId: undefined, baseUrl: 'https://api.mch.weixin.qq.com' })
    // Local runs point the same client at the emulator (a trailing slash is dropped, so paths join cleanly).
    expect(wechatConfigFromEnv({ TUANKA_TRANSFER_BASE_URL: 'http://127.0.0.1:4100/' }).baseUrl).toBe('http://127.0.0.1:4100')
    expect(wechatConfigFromEnv({ TUANKA_TRANSFER_SCENE_ID: '1005', TUANKA_TRANSFER_SCENE_REPORT: '[{"info_type":"岗位类型","info_content":"推广员"}]' })).toMatchObject({ sceneId: '1005', reportInfos: [{ info_type: '岗位类型', info_content: '推广员' }] })
  })
})
