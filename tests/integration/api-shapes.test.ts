import { readFileSync } from 'node:fs'
import path from 'node:path'
import { outputShapes, shapeProblems, type Shape } from '../../scripts/api-docs/shapes'
import { DEMO_ADMIN_OPENID, openidOf } from '../../local/seed/personas'
import { key } from './support/flows'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

/**
 * docs/api.md documents each action's answer field by field, from its output type. Real answers, from a stack with
 * the demo history, are held to those shapes: a field the docs do not have (a leak, or a type that fell behind),
 * a missing field, a wrong type or a value outside a documented union fails here.
 */
let t: TestStack
let shapes: Record<string, Shape>
beforeAll(async () => {
  shapes = outputShapes()
  t = await startTestStack({ seedHistory: true })
}, 180_000)
afterAll(() => t?.stop())

const owner = openidOf('owner')
const staff = openidOf('staff')
const buyer = openidOf('consumer')
const promoter = openidOf('promoter')
const DAY = 24 * 3600 * 1000

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok(fn: string, action: string, input: unknown, who: string | null = null): Promise<any> {
  const res = await t.call(fn, { action, input }, who)
  expect([fn, action, res.body.ok, res.body.code]).toEqual([fn, action, true, undefined])
  expect(shapeProblems(res.body.data, shapes[`${fn}.${action}`])).toEqual([])
  return res.body.data
}

const localPay = async (pkg: unknown) => {
  const res = await fetch(`${t.stack.apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pkg }) })
  return { status: res.status, body: await res.json() }
}

describe('answers match their documented shapes', () => {
  it('reading: deals, shops, a promoter', async () => {
    await ok('deals', 'list', {})
    await ok('deals', 'get', { id: 'deal_tea_for_two' })
    await ok('deals', 'buyers', { dealId: 'deal_tea_for_two', groupCloudID: groupCloudID(t, 'g_demo_neighbours') })
    await ok('deals', 'reviews', { dealId: 'deal_tea_for_two' })
    await ok('deals', 'listForShop', { shopId: 'shop_shiguang' }, staff)
    for (const who of [null, buyer, owner, staff, promoter, DEMO_ADMIN_OPENID]) await ok('shops', 'me', {}, who)
    await ok('shops', 'get', { id: 'shop_shiguang' })
    await ok('shops', 'members', { shopId: 'shop_shiguang' }, staff)
    await ok('shops', 'dashboard', { shopId: 'shop_shiguang' }, owner)
    await ok('shops', 'dashboard', { shopId: 'shop_shiguang' }, staff)
    await ok('shops', 'exportCsv', { shopId: 'shop_shiguang', from: '2026-01-01', to: '2026-01-31' }, owner)
    await ok('shops', 'promoters', { shopId: 'shop_shiguang' }, owner)
    await ok('shops', 'promoters', { shopId: 'shop_shiguang' }, staff)
    await ok('promoters', 'center', {}, promoter)
    await ok('promoters', 'orders', {}, promoter)
    await ok('orders', 'messageTemplates', {})
  })

  it('running a shop: deals, members, promoters, a new shop', async () => {
    const d = await ok('deals', 'create', {
      shopId: 'shop_shiguang', title: '接口文档样例', images: ['/files/demo/coffee-1.svg'], priceFen: 990, originalPriceFen: 1500, stock: 5,
      perUserLimit: 2, saleStart: Date.now() - DAY, saleEnd: Date.now() + 7 * DAY, validStart: Date.now() - DAY, validEnd: Date.now() + 30 * DAY,
      rules: [], description: '', commissionBps: 500, groupMin: 2, groupDeadline: Date.now() + 3 * DAY,
    }, owner)
    await ok('deals', 'update', { id: d.id, title: '接口文档样例（改）' }, owner)
    await ok('deals', 'adjustStock', { id: d.id, delta: 3 }, owner)
    await ok('deals', 'setStatus', { id: d.id, to: 'published' }, owner)
    await ok('deals', 'get', { id: d.id })
    await ok('shops', 'update', { shopId: 'shop_shiguang', hours: '09:00-21:00', location: { lat: 31.2, lng: 121.4, name: '拾光咖啡' } }, owner)
    const invite = await ok('shops', 'invite', { shopId: 'shop_shiguang' }, owner)
    await ok('shops', 'acceptInvite', { code: invite.code, name: '新店员' }, 'o_shapes_new_staff')
    await ok('shops', 'removeStaff', { shopId: 'shop_shiguang', openid: 'o_shapes_new_staff' }, owner)
    await ok('shops', 'reviewPromoter', { shopId: 'shop_shiguang', promoterId: promoter, decision: 'approved' }, owner)
    const created = await ok('shops', 'create', { name: '文档小馆', address: '样例路 1 号', phone: '021-00000000', hours: '10:00-20:00', location: null }, DEMO_ADMIN_OPENID)
    await ok('shops', 'acceptInvite', { code: created.ownerInvite.code, name: '新店主' }, 'o_shapes_new_owner')
  })

  it('buying, paying, redeeming, undoing, refunding, reviewing; sharing and withdrawing', async () => {
    const share = await ok('promoters', 'share', { dealId: 'deal_latte' }, promoter)
    await ok('promoters', 'visit', { shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_shapes') }, buyer)
    await ok('promoters', 'posterCode', { shareCode: share.shareCode }, promoter)
    const placed = await ok('orders', 'place', { dealId: 'deal_latte', qty: 3, idempotencyKey: key(), shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_shapes'), nickname: '小林' }, buyer)
    const pay = await ok('payments', 'prepay', { orderId: placed.id }, buyer)
    expect((await localPay(pay.package)).status).toBe(200)
    const order = await ok('orders', 'get', { id: placed.id }, buyer)
    await ok('orders', 'listMine', {}, buyer)
    await ok('orders', 'subscribe', { accepted: ['paid', 'refunded'] }, buyer)
    await ok('orders', 'notifications', {}, buyer)
    const [c1, c2, c3] = order.codes.map((c: { code: string }) => c.code)
    await ok('redemption', 'preview', { code: c1 }, staff)
    const confirmed = await ok('redemption', 'confirm', { codes: [c1, c2, 'NOPE0000NOPE0000'], idempotencyKey: key() }, staff)
    expect(confirmed.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false])
    await ok('redemption', 'confirm', { codes: [c1], idempotencyKey: key() }, owner)
    await ok('redemption', 'history', { shopId: 'shop_shiguang' }, staff)
    await ok('redemption', 'undo', { code: c2 }, staff)
    await ok('orders', 'refund', { orderId: placed.id, codes: [c3] }, buyer)
    const review = await ok('deals', 'review', { orderId: placed.id, rating: 5, text: '好喝', photos: [] }, buyer)
    await ok('deals', 'replyReview', { reviewId: review.id, text: '谢谢' }, staff)
    await ok('promoters', 'join', { name: '阿梅' }, openidOf('consumer2'))
    const center = await ok('promoters', 'center', {}, promoter)
    expect(center.balance.availableFen).toBeGreaterThanOrEqual(100)
    const w = await ok('promoters', 'withdraw', { amountFen: 100, idempotencyKey: key() }, promoter)
    await ok('promoters', 'withdrawal', { id: w.id }, promoter)
  })
})

describe('POST /local/pay answers as documented', () => {
  it('its success fields are the documented ones', async () => {
    const documented = readFileSync(path.resolve(__dirname, '../../docs/api.md'), 'utf8').split('### POST /local/pay\n')[1].split('\n### ')[0]
    const placed = await ok('orders', 'place', { dealId: 'deal_latte', qty: 1, idempotencyKey: key() }, buyer)
    const prepay = await ok('payments', 'prepay', { orderId: placed.id }, buyer)
    const paid = await localPay(prepay.package)
    expect(paid.status).toBe(200)
    const fields = Object.keys(paid.body.data)
    expect(documented).toContain(`data: { ${fields.map((f) => `${f}: ${typeof paid.body.data[f] === 'boolean' ? 'true' : typeof paid.body.data[f]}`).join(', ')} }`)
  })
})
