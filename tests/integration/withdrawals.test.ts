import { generateKeyPairSync } from 'node:crypto'
import { balanceOf } from '../../cloudfunctions/promoters/balance'
import { authorization, buildTransferCallback } from '../../cloudfunctions/promoters/transfer/v3'
import { clockOffset, setClockOffset } from '../../local/clock'
import { functions, platformFunctions } from '../../local/gateway/functions'
import { scfContext } from '../../local/gateway/scf-context'
import type { Bill } from '../../local/platform/transfer/bills'
import type { CallbackRequest } from '../../local/platform/transfer/emulator'
import { openidOf } from '../../local/seed/personas'
import { fireTimer } from '../../local/timers/scheduler'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const db = () => getDb()
const p = (action: string, input: unknown, who: string | null) => t.call('promoters', { action, input }, who)
const withdraw = (who: string, amountFen: number, idempotencyKey = key()) => p('withdraw', { amountFen, idempotencyKey }, who)
const available = async (who: string) => (await balanceOf(db(), who, Date.now())).availableFen
const withdrawnFen = async (who: string) => ((await db().collection('promoters').doc(who).get()).data[0]?.withdrawnFen ?? 0) as number
const wdoc = async (id: string) => (await db().collection('withdrawals').doc(id).get()).data[0]
/** The bill as the WeChat Pay emulator holds it (the production client reached it over HTTP). */
const bill = (id: string) => t.stack.transfer.bill(id) as Bill
/** A callback request as TCB HTTP access hands it to the function. */
const asEvent = (r: CallbackRequest) => ({
  httpMethod: 'POST',
  path: '/promoters/transfer-notify',
  headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
  body: r.body,
  isBase64Encoded: false,
})
/** A genuine callback of the emulator for this bill in `state` (what WeChat Pay would send). */
const genuineCallback = (id: string, state: Bill['state']) => asEvent(t.stack.transfer.callback({ ...bill(id), state, updatedAt: Date.now() }))
/** The signing keys in the shape buildTransferCallback takes. */
const wechatKeys = () => {
  const k = t.stack.transfer.keys
  return { privateKey: k.wechatpayPrivateKey, publicKeyId: k.wechatpayPublicKeyId, apiV3Key: k.apiV3Key }
}
/** The merchant cancels a bill on WeChat Pay's 撤销转账 (signed, as the merchant's own tools would). */
async function merchantCancel(id: string) {
  const k = t.stack.transfer.keys
  const urlPath = `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${id}/cancel`
  const auth = authorization({ mchId: k.mchId, serial: k.merchantSerial, privateKey: k.merchantPrivateKey }, { method: 'POST', urlPath, body: '' })
  const res = await fetch(`${process.env.TUANKA_TRANSFER_BASE_URL}${urlPath}`, { method: 'POST', headers: { Authorization: auth, Accept: 'application/json' } })
  return { status: res.status, body: await res.json() }
}
const audits = async (id: string) => (await db().collection('audit_events').where({ entity: 'withdrawal', entityId: id }).get()).data.map((a: { action: string }) => a.action).sort()
const transferSheet = async (pkg: string, action: string) => {
  const res = await fetch(`${t.stack.apiUrl}/local/transfer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pkg, action }) })
  return { status: res.status, body: await res.json() }
}
const deliver = (event: unknown) => functions.promoters(event, scfContext('promoters', null)) as Promise<{ statusCode: number; body: string }>
const backdate = async (id: string, ms: number) => {
  const w = await wdoc(id)
  await db().collection('withdrawals').doc(id).update({ createdAt: new Date(+w.createdAt - ms) })
}

let n = 0
/** A fresh promoter with `units` redeemed units of 双人下午茶 (544 fen each) available to withdraw. */
async function promoterWith(units: number): Promise<string> {
  const who = `o_wd_promoter_${++n}`
  await p('join', { name: `提现${n}` }, who)
  const share = await p('share', { dealId: 'deal_tea_for_two' }, who)
  const buyer = `o_wd_buyer_${n}`
  const placed = await t.call('orders', { action: 'place', input: { dealId: 'deal_tea_for_two', qty: units, idempotencyKey: key(), shareCode: share.body.data.shareCode } }, buyer)
  await pay(t, buyer, placed.body.data.id)
  const order = (await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, buyer)).body.data
  const r = await t.call('redemption', { action: 'confirm', input: { codes: order.codes.map((c: { code: string }) => c.code), idempotencyKey: key() } }, openidOf('staff'))
  expect(r.body.ok).toBe(true)
  expect(await available(who)).toBe(544 * units)
  return who
}

describe('withdrawals by merchant transfer (production v3 client against the WeChat Pay emulator)', () => {
  it('a request reserves the money and waits for the promoter: requested with wx.requestMerchantTransfer params', async () => {
    const who = await promoterWith(2)
    const r = await withdraw(who, 800)
    expect(r.body.ok).toBe(true)
    const v = r.body.data
    const k = t.stack.transfer.keys
    expect(v).toMatchObject({ amountFen: 800, status: 'requested', paidAt: null, failReason: null, transfer: { provider: 'wechat', mchId: k.mchId, appId: k.appId } })
    expect(await available(who)).toBe(1088 - 800)
    expect(await withdrawnFen(who)).toBe(800)
    // What the client sent WeChat Pay, as the emulator recorded the bill.
    expect(bill(v.id)).toMatchObject({ state: 'WAIT_USER_CONFIRM', openid: who, amount: 800, appid: k.appId, sceneId: '1000', packageInfo: v.transfer.package, notifyUrl: process.env.TUANKA_TRANSFER_NOTIFY_URL })
    // Refreshing while the promoter has not answered changes nothing; only the owner sees it.
    const again = await p('withdrawal', { id: v.id }, who)
    expect(again.body.data).toEqual(v)
    expect((await p('withdrawal', { id: v.id }, openidOf('promoter'))).body.code).toBe('WITHDRAWAL_NOT_FOUND')
    expect((await p('withdrawal', { id: 'w_nope' }, who)).body.code).toBe('WITHDRAWAL_NOT_FOUND')
    expect(await audits(v.id)).toEqual(['withdrawal.requested', 'withdrawal.transfer_created'])
  })

  it('确认收款 ends it paid through the v3 callback; repeating it changes nothing; cancelling afterwards is refused', async () => {
    const who = await promoterWith(1)
    const v = (await withdraw(who, 544)).body.data
    const r = await transferSheet(v.transfer.package, 'confirm')
    expect(r).toEqual({ status: 200, body: { ok: true, data: { state: 'SUCCESS', delivered: true } } })
    const w = (await p('withdrawal', { id: v.id }, who)).body.data
    expect(w).toMatchObject({ status: 'paid', transfer: null, failReason: null })
    expect(w.paidAt).toEqual(expect.any(Number))
    expect(await transferSheet(v.transfer.package, 'confirm')).toMatchObject({ status: 200, body: { data: { state: 'SUCCESS', delivered: true } } })
    expect((await transferSheet(v.transfer.package, 'cancel')).status).toBe(409)
    expect(bill(v.id).notify).toMatchObject({ acked: true, dueAt: null })
    expect(await withdrawnFen(who)).toBe(544)
    expect(await available(who)).toBe(0)
    expect(await audits(v.id)).toEqual(['withdrawal.paid', 'withdrawal.requested', 'withdrawal.transfer_created'])
  })

  it('closing the 确认收款 page leaves the bill waiting, as in WeChat', async () => {
    const who = await promoterWith(1)
    const v = (await withdraw(who, 544)).body.data
    expect(await transferSheet(v.transfer.package, 'cancel')).toEqual({ status: 200, body: { ok: true, data: { state: 'WAIT_USER_CONFIRM', delivered: false } } })
    expect((await p('withdrawal', { id: v.id }, who)).body.data).toEqual(v)
    expect(bill(v.id).state).toBe('WAIT_USER_CONFIRM')
    expect((await transferSheet(v.transfer.package, 'confirm')).body.data).toEqual({ state: 'SUCCESS', delivered: true })
    expect((await wdoc(v.id)).status).toBe('paid')
  })

  it('a cancelled transfer fails and gives the money back exactly once: callback replayed 5× at once, the sheet and two reconcile timers racing', async () => {
    const who = await promoterWith(2)
    const v = (await withdraw(who, 1000)).body.data
    expect(await available(who)).toBe(88)
    await backdate(v.id, 11 * 60 * 1000) // old enough for the reconcile timer to pick it up too
    // The merchant cancels it (撤销转账) while its callback endpoint is unreachable: the callback is owed, captured.
    t.stack.transfer.faults.callbacksLost = true
    const cancelled = await merchantCancel(v.id).finally(() => (t.stack.transfer.faults.callbacksLost = false))
    expect(cancelled).toMatchObject({ status: 200, body: { out_bill_no: v.id, state: 'CANCELING' } })
    expect(bill(v.id)).toMatchObject({ state: 'CANCELLED', notify: { acked: false, attempts: 1 } })
    const captured = asEvent(t.stack.transfer.lastCallback(v.id)!)
    const results = await Promise.all([
      ...[1, 2, 3, 4, 5].map(() => deliver(captured)),
      transferSheet(v.transfer.package, 'confirm'),
      fireTimer(platformFunctions.timers, 'reconcileTransfers'),
      fireTimer(platformFunctions.timers, 'reconcileTransfers'),
    ])
    for (const r of results.slice(0, 5) as { statusCode: number }[]) expect(r.statusCode).toBe(200)
    expect(results[5]).toMatchObject({ status: 409, body: { ok: false, code: 'PAYMENT_INVALID', message: '这笔转账已结束' } })
    for (const r of results.slice(6) as { ok: boolean }[]) expect(r.ok).toBe(true)
    const w = await wdoc(v.id)
    expect(w).toMatchObject({ status: 'failed', refundedToBalance: true, failReason: '未确认收款，转账已撤销' })
    expect(await withdrawnFen(who)).toBe(0)
    expect(await available(who)).toBe(1088)
    // Replayed again later: acknowledged, nothing moves.
    expect((await deliver(captured)).statusCode).toBe(200)
    await fireTimer(platformFunctions.timers, 'reconcileTransfers')
    expect(await withdrawnFen(who)).toBe(0)
    expect((await audits(v.id)).filter((a) => a === 'withdrawal.failed')).toHaveLength(1)
    const notes = (await db().collection('notifications').where({ to: who, kind: 'withdrawal' }).get()).data
    expect(notes).toHaveLength(1)
    expect(notes[0].body).toContain('已退回余额')
    const view = (await p('withdrawal', { id: v.id }, who)).body.data
    expect(view).toMatchObject({ status: 'failed', failReason: '未确认收款，转账已撤销', transfer: null, paidAt: null })
    // The money can be withdrawn again.
    expect((await withdraw(who, 1088)).body.data.status).toBe('requested')
  })

  it('two withdrawals at once on a balance for one: one wins, the other is refused', async () => {
    const who = await promoterWith(1)
    const racing = await Promise.all([withdraw(who, 544), withdraw(who, 544), withdraw(who, 300)])
    const won = racing.filter((r) => r.body.ok)
    expect(won).toHaveLength(1)
    for (const r of racing.filter((x) => !x.body.ok)) expect(r.body.code).toBe('INSUFFICIENT_BALANCE')
    expect(await withdrawnFen(who)).toBe(won[0].body.data.amountFen)
    expect((await db().collection('withdrawals').where({ promoter: who }).count()).total).toBe(1)
  })

  it('a repeated key answers the same withdrawal, also when the repeats arrive together', async () => {
    const who = await promoterWith(2)
    const k = key()
    const all = await Promise.all([withdraw(who, 500, k), withdraw(who, 500, k), withdraw(who, 500, k)])
    const ids = new Set(all.map((r) => r.body.data.id))
    expect(ids.size).toBe(1)
    const later = await withdraw(who, 500, k)
    expect(later.body.data.id).toBe(all[0].body.data.id)
    expect(later.body.data.transfer.package).toBe(all[0].body.data.transfer.package)
    expect(await withdrawnFen(who)).toBe(500)
    expect((await db().collection('withdrawals').where({ promoter: who }).count()).total).toBe(1)
  })

  it('refuses forged callbacks — bad signature, tampered ciphertext, unknown bill, wrong amount, stale, or through the client gateway — and nothing changes', async () => {
    const who = await promoterWith(1)
    const v = (await withdraw(who, 544)).body.data
    const before = { w: await wdoc(v.id), withdrawn: await withdrawnFen(who) }
    const local = wechatKeys()
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const plain = (state: string, extra: Record<string, unknown> = {}) => ({ out_bill_no: v.id, state, transfer_amount: 544, openid: who, ...extra })

    // Signed with a key that is not WeChat Pay's.
    const badSig = buildTransferCallback({ privateKey: other, publicKeyId: local.publicKeyId, apiV3Key: local.apiV3Key }, plain('SUCCESS'))
    expect((await deliver(badSig)).statusCode).toBe(401)
    // Encrypted with another APIv3 key, then signed with the right one (only the AEAD can tell).
    const wrongKey = buildTransferCallback({ ...local, apiV3Key: 'x'.repeat(32) }, plain('SUCCESS'))
    expect((await deliver(wrongKey)).statusCode).toBe(401)
    // A genuine callback whose body was altered in transit (signature no longer matches).
    const genuine = genuineCallback(v.id, 'SUCCESS')
    const notice = JSON.parse(genuine.body)
    const ct = Buffer.from(notice.resource.ciphertext, 'base64')
    ct[3] ^= 1
    notice.resource.ciphertext = ct.toString('base64')
    expect((await deliver({ ...genuine, body: JSON.stringify(notice) })).statusCode).toBe(401)
    // Tampered ciphertext re-signed with the signing key: the GCM tag refuses it.
    const resigned = buildTransferCallback(local, plain('SUCCESS'))
    const n2 = JSON.parse(resigned.body)
    const ct2 = Buffer.from(n2.resource.ciphertext, 'base64')
    ct2[0] ^= 1
    n2.resource.ciphertext = ct2.toString('base64')
    const { signMessage, responseMessage } = await import('../../cloudfunctions/promoters/transfer/v3')
    const body2 = JSON.stringify(n2)
    const h2 = { ...resigned.headers, 'wechatpay-signature': signMessage(local.privateKey, responseMessage(resigned.headers['wechatpay-timestamp'], resigned.headers['wechatpay-nonce'], body2)) }
    expect((await deliver({ ...resigned, headers: h2, body: body2 })).statusCode).toBe(401)
    // Properly signed and encrypted, but for a bill we never made, or not matching the withdrawal.
    expect((await deliver(buildTransferCallback(local, plain('SUCCESS', { out_bill_no: 'w000000000000000000000000' })))).statusCode).toBe(404)
    expect((await deliver(buildTransferCallback(local, plain('SUCCESS', { transfer_amount: 1 })))).statusCode).toBe(400)
    expect((await deliver(buildTransferCallback(local, plain('SUCCESS', { openid: 'o_someone_else' })))).statusCode).toBe(400)
    // A captured genuine callback replayed long after (timestamp outside 5 minutes).
    expect((await deliver(buildTransferCallback(local, plain('SUCCESS'), Date.now() - 10 * 60 * 1000))).statusCode).toBe(401)
    // The same HTTP shape posted by a client through the gateway.
    const viaClient = await t.raw('promoters', { body: JSON.stringify(badSig), headers: { 'x-tuanka-openid': who } })
    expect([viaClient.status, viaClient.body.ok, viaClient.body.code]).toEqual([403, false, 'FORBIDDEN'])
    // Anonymous, it is the HTTP access door: the verifier's own 401, never a 500.
    const anonymous = await t.raw('promoters', { body: JSON.stringify(badSig) })
    expect(anonymous.status).toBe(401)
    // A package WeChat Pay never issued.
    expect((await transferSheet(`x${v.transfer.package}`, 'confirm')).status).toBe(400)
    expect((await transferSheet(v.transfer.package, 'pay')).status).toBe(400)

    expect(await wdoc(v.id)).toEqual(before.w)
    expect(await withdrawnFen(who)).toBe(before.withdrawn)
    expect(bill(v.id).state).toBe('WAIT_USER_CONFIRM')
    // The real one still works.
    expect((await deliver(genuineCallback(v.id, 'SUCCESS'))).statusCode).toBe(200)
    expect((await wdoc(v.id)).status).toBe('paid')
  })

  it('over the balance or below the minimum: refused with codes, nothing written', async () => {
    const who = await promoterWith(1)
    const count = async () => (await db().collection('withdrawals').where({ promoter: who }).count()).total
    expect((await withdraw(who, 99)).body.code).toBe('WITHDRAW_BELOW_MINIMUM')
    expect((await withdraw(who, 545)).body.code).toBe('INSUFFICIENT_BALANCE')
    expect((await withdraw(openidOf('consumer2'), 100)).body.code).toBe('NOT_PROMOTER')
    expect(await count()).toBe(0)
    expect(await withdrawnFen(who)).toBe(0)
    expect((await db().collection('audit_events').where({ entity: 'withdrawal', 'detail.amountFen': 545 }).count()).total).toBe(0)
  })

  it('a transfer WeChat refuses at once fails the withdrawal and gives the money back', async () => {
    const who = await promoterWith(1)
    t.stack.transfer.faults.failNew = 'PAYEE_ACCOUNT_ABNORMAL'
    const r = await withdraw(who, 544).finally(() => (t.stack.transfer.faults.failNew = null))
    expect(r.body.data).toMatchObject({ status: 'failed', failReason: '微信账户收款异常', transfer: null })
    expect(await withdrawnFen(who)).toBe(0)
    expect(await available(who)).toBe(544)
  })

  it('a transfer WeChat did not answer stays requested; a refresh or the same key creates it again, once', async () => {
    const who = await promoterWith(1)
    const k = key()
    t.stack.transfer.faults.down = true
    const r = await withdraw(who, 544, k)
    const refreshedWhileDown = await p('withdrawal', { id: r.body.data?.id }, who)
    t.stack.transfer.faults.down = false
    expect(r.body.data).toMatchObject({ status: 'requested', transfer: null })
    expect(refreshedWhileDown.body.data).toMatchObject({ status: 'requested', transfer: null })
    expect(await withdrawnFen(who)).toBe(544)
    const refreshed = (await p('withdrawal', { id: r.body.data.id }, who)).body.data
    expect(refreshed).toMatchObject({ status: 'requested', transfer: { provider: 'wechat', package: bill(r.body.data.id).packageInfo } })
    const again = (await withdraw(who, 544, k)).body.data
    expect(again).toEqual(refreshed)
    expect(await withdrawnFen(who)).toBe(544)
    expect((await transferSheet(again.transfer.package, 'confirm')).body.data.state).toBe('SUCCESS')
    expect((await wdoc(again.id)).status).toBe('paid')
  })

  it('the reconcile timer settles what callbacks missed: paid, expired after 24 h, never created', async () => {
    const who = await promoterWith(3)
    const paid = (await withdraw(who, 544)).body.data
    const expired = (await withdraw(who, 544)).body.data
    t.stack.transfer.faults.down = true // WeChat never saw this create
    const lost = (await withdraw(who, 544)).body.data
    t.stack.transfer.faults.down = false
    expect((await withdraw(who, 100)).body.code).toBe('INSUFFICIENT_BALANCE') // nothing left
    expect(bill(lost.id)).toBeUndefined()

    // Confirmed, but the callback never arrived (and every retry is lost too).
    t.stack.transfer.faults.callbacksLost = true
    expect((await transferSheet(paid.transfer.package, 'confirm')).body.data).toEqual({ state: 'SUCCESS', delivered: false })
    // Younger than the reconcile delay: left alone.
    let r = (await fireTimer(platformFunctions.timers, 'reconcileTransfers')) as { ok: boolean; data: Record<string, number> }
    expect(r.ok).toBe(true)
    expect((await wdoc(paid.id)).status).toBe('requested')

    // A day and an hour later, nobody having confirmed `expired`: WeChat Pay has cancelled it.
    const offset = clockOffset()
    setClockOffset(offset + 25 * 3600 * 1000)
    const [a, b2] = (await Promise.all([fireTimer(platformFunctions.timers, 'reconcileTransfers'), fireTimer(platformFunctions.timers, 'reconcileTransfers')]).finally(() => {
      setClockOffset(offset)
      t.stack.transfer.faults.callbacksLost = false
    })) as { ok: boolean }[]
    expect(a.ok && b2.ok).toBe(true)
    expect(bill(expired.id).state).toBe('CANCELLED')
    expect(await wdoc(paid.id)).toMatchObject({ status: 'paid' })
    expect(await wdoc(expired.id)).toMatchObject({ status: 'failed', failReason: '未确认收款，转账已撤销', refundedToBalance: true })
    expect(await wdoc(lost.id)).toMatchObject({ status: 'failed', failReason: '转账未能发起，请重新提现', refundedToBalance: true })
    expect(await withdrawnFen(who)).toBe(544)
    expect(await available(who)).toBe(1088)
    r = (await fireTimer(platformFunctions.timers, 'reconcileTransfers')) as { ok: boolean; data: Record<string, number> }
    expect(r.ok).toBe(true)
    expect(await withdrawnFen(who)).toBe(544)
  })

  it('recentWithdrawals lists the newest first, with params only while waiting', async () => {
    const { recentWithdrawals, MIN_WITHDRAW_FEN } = await import('../../cloudfunctions/promoters/withdrawals')
    expect(MIN_WITHDRAW_FEN).toBe(100)
    const who = await promoterWith(1)
    const first = (await withdraw(who, 200)).body.data
    await transferSheet(first.transfer.package, 'confirm')
    const second = (await withdraw(who, 300)).body.data
    const list = await recentWithdrawals(db(), who, 10)
    expect(list.map((w) => w.id)).toEqual([second.id, first.id])
    expect(list[0].transfer).toMatchObject({ provider: 'wechat', package: bill(second.id).packageInfo })
    expect(list[1]).toMatchObject({ status: 'paid', transfer: null })
  })
})
