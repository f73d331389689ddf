import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const owner = openidOf('owner')
const staff = openidOf('staff')
const promoter = openidOf('promoter')
const HOUR = 3600 * 1000
const DAY = 24 * HOUR

const p = (action: string, input: unknown, who: string | null) => t.call('promoters', { action, input }, who)
const shops = (action: string, input: unknown, who: string | null) => t.call('shops', { action, input }, who)

let n = 0
async function newDeal(extra: Record<string, unknown> = {}) {
  const now = Date.now()
  const created = await t.call('deals', {
    action: 'create',
    input: {
      shopId: 'shop_shiguang', title: `推手测试套餐 ${++n}`, images: ['/files/demo/coffee-1.svg'], priceFen: 10000, originalPriceFen: 15000,
      stock: 50, perUserLimit: 10, saleStart: now - HOUR, saleEnd: now + 48 * HOUR, validStart: now - HOUR, validEnd: now + 240 * HOUR,
      rules: [], description: '', commissionBps: 1000, ...extra,
    },
  }, owner)
  expect(created.body.ok).toBe(true)
  await t.call('deals', { action: 'setStatus', input: { id: created.body.data.id, to: 'published' } }, owner)
  return created.body.data.id as string
}

async function buy(who: string, dealId: string, qty: number, extra: Record<string, unknown> = {}) {
  const placed = await t.call('orders', { action: 'place', input: { dealId, qty, idempotencyKey: key(), nickname: '王小明', ...extra } }, who)
  expect(placed.body.ok).toBe(true)
  await pay(t, who, placed.body.data.id)
  return (await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, who)).body.data
}

const setPolicy = (policy: Record<string, unknown>, who = owner) => shops('update', { shopId: 'shop_shiguang', promoterPolicy: policy }, who)
const orderDoc = async (id: string) => (await getDb().collection('orders').doc(id).get()).data[0]

afterEach(async () => {
  await setPolicy({ approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 })
})

describe('shop promoter policy', () => {
  it('the owner sets it field by field; staff cannot; bad values are refused and change nothing', async () => {
    expect((await shops('get', { id: 'shop_shiguang' }, null)).body.data.promoterPolicy).toEqual({ approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 })
    expect((await setPolicy({ holdDays: 3 })).body.data.promoterPolicy).toMatchObject({ holdDays: 3, attributionDays: 7 })
    expect((await setPolicy({ approvalRequired: true })).body.data.promoterPolicy).toMatchObject({ holdDays: 3, approvalRequired: true })
    const before = await snapshotDb()
    expect((await setPolicy({ holdDays: 1 }, staff)).body.code).toBe('FORBIDDEN')
    expect((await setPolicy({ attributionDays: 0 })).body.code).toBe('INVALID_INPUT')
    expect((await setPolicy({ attributionDays: 31 })).body.code).toBe('INVALID_INPUT')
    expect((await setPolicy({ holdDays: -1 })).body.code).toBe('INVALID_INPUT')
    expect((await setPolicy({ evil: 1 })).body.code).toBe('INVALID_INPUT')
    expect(await snapshotDb()).toEqual(before)
  })

  it('last touch counts only within the shop\'s window', async () => {
    const dealId = await newDeal()
    const buyer = 'o_window_buyer'
    const share = (await p('share', { dealId }, promoter)).body.data
    await p('visit', { shareCode: share.shareCode }, buyer)
    await setPolicy({ attributionDays: 1 })
    // The visit was two days ago: outside a 1-day window, inside the default 7.
    await getDb().collection('bindings').doc(`${dealId}:${buyer}`).update({ at: new Date(Date.now() - 2 * DAY) })
    const outside = await buy(buyer, dealId, 1)
    expect((await orderDoc(outside.id)).promoter).toBeNull()
    await setPolicy({ attributionDays: 3 })
    const inside = await buy(buyer, dealId, 1)
    expect((await orderDoc(inside.id)).promoter).toMatchObject({ promoter, rule: 'last_touch', windowDays: 3 })
  })

  it("a promoter's own share earns only where the shop enables self-purchase commission", async () => {
    const dealId = await newDeal()
    const share = (await p('share', { dealId }, promoter)).body.data
    const own = await buy(promoter, dealId, 1, { shareCode: share.shareCode })
    expect((await orderDoc(own.id)).promoter).toBeNull()
    await setPolicy({ selfPurchase: true })
    const allowed = await buy(promoter, dealId, 1, { shareCode: share.shareCode })
    expect((await orderDoc(allowed.id)).promoter).toMatchObject({ promoter, rule: 'share_code', counts: true })
  })

  it('approval: an unapproved promoter keeps the order but earns 0; the owner approves; later orders earn', async () => {
    await setPolicy({ approvalRequired: true })
    // A promoter the shop first meets after the switch (the demo promoter was known before, so approved by it).
    const promoter = 'o_appr_promoter'
    expect((await p('join', { name: '新推手' }, promoter)).body.ok).toBe(true)
    const dealId = await newDeal()
    const share = (await p('share', { dealId }, promoter)).body.data
    expect(share.approval).toBe('pending')
    const before = (await p('center', {}, promoter)).body.data.balance
    const first = await buy('o_appr_1', dealId, 2, { shareCode: share.shareCode })
    expect((await orderDoc(first.id)).promoter).toMatchObject({ promoter, counts: false })
    expect((await p('center', {}, promoter)).body.data.balance.pendingFen).toBe(before.pendingFen)

    const list = (await shops('promoters', { shopId: 'shop_shiguang' }, staff)).body.data
    expect(list[0]).toMatchObject({ promoterId: promoter, approval: 'pending' })
    expect((await shops('reviewPromoter', { shopId: 'shop_shiguang', promoterId: promoter, decision: 'approved' }, staff)).body.code).toBe('FORBIDDEN')
    expect((await shops('reviewPromoter', { shopId: 'shop_shiguang', promoterId: 'o_nobody', decision: 'approved' }, owner)).body.code).toBe('PROMOTER_NOT_FOUND')
    expect((await shops('promoters', { shopId: 'shop_shiguang' }, promoter)).body.code).toBe('SHOP_NOT_FOUND')
    const approved = await shops('reviewPromoter', { shopId: 'shop_shiguang', promoterId: promoter, decision: 'approved' }, owner)
    expect(approved.body.data.approval).toBe('approved')
    expect((await p('share', { dealId }, promoter)).body.data.approval).toBe('approved')

    const second = await buy('o_appr_2', dealId, 1, { shareCode: share.shareCode })
    expect((await orderDoc(second.id)).promoter).toMatchObject({ counts: true })
    expect((await p('center', {}, promoter)).body.data.balance.pendingFen).toBe(before.pendingFen + 1000)

    const mine = (await p('orders', { limit: 10 }, promoter)).body.data.items
    const a = mine.find((o: { orderId: string }) => o.orderId === first.id)
    const b = mine.find((o: { orderId: string }) => o.orderId === second.id)
    expect(a).toMatchObject({ commissionCounts: false, commissionFen: 0, rule: 'share_code', units: 2, buyerMasked: '王**' })
    expect(a.lines.map((l: { amountFen: number; status: string }) => [l.amountFen, l.status])).toEqual([[0, 'pending'], [0, 'pending']])
    expect(b).toMatchObject({ commissionCounts: true, commissionFen: 1000 })
    // Leave the shop open again for the other tests (the decision stays, the policy does not ask).
    await shops('reviewPromoter', { shopId: 'shop_shiguang', promoterId: promoter, decision: 'rejected' }, owner)
    await setPolicy({ approvalRequired: false })
    expect((await p('share', { dealId }, promoter)).body.data.approval).toBe('not_required')
  })

  it('turning approval on keeps an earning promoter earning; a promoter first seen after waits, earning 0 until approved', async () => {
    const wang = 'o_switch_wang'
    const li = 'o_switch_li'
    await p('join', { name: '王姐' }, wang)
    await p('join', { name: '李哥' }, li)
    const dealId = await newDeal()
    const wangShare = (await p('share', { dealId }, wang)).body.data
    expect(wangShare.approval).toBe('not_required')
    const pending = async (who: string) => (await p('center', {}, who)).body.data.balance.pendingFen as number
    const before = await pending(wang)
    const earned = await buy('o_switch_b1', dealId, 1, { shareCode: wangShare.shareCode })
    expect((await orderDoc(earned.id)).promoter).toMatchObject({ promoter: wang, counts: true })

    expect((await setPolicy({ approvalRequired: true })).body.data.promoterPolicy.approvalRequired).toBe(true)
    const list = (await shops('promoters', { shopId: 'shop_shiguang' }, owner)).body.data
    expect(list.find((x: { promoterId: string }) => x.promoterId === wang)).toMatchObject({ approval: 'approved' })
    // Every promoter the shop knew was approved, none is left waiting, and each approval is on record.
    expect(list.filter((x: { approval: string }) => x.approval === 'pending')).toEqual([])
    const approvals = (await getDb().collection('audit_events').where({ entityId: `shop_shiguang:${wang}`, action: 'promoter.approved' }).get()).data
    expect(approvals).toHaveLength(1)
    expect(approvals[0]).toMatchObject({ from: null, to: 'approved', actor: owner, detail: { reason: 'approval_turned_on' } })

    const next = await buy('o_switch_b2', dealId, 1, { shareCode: wangShare.shareCode })
    expect((await orderDoc(next.id)).promoter).toMatchObject({ promoter: wang, counts: true })
    expect(await pending(wang)).toBe(before + 2000)

    // 李哥 shares only now: he waits, his order is his but earns 0; saving "on" again approves nobody.
    const liShare = (await p('share', { dealId }, li)).body.data
    expect(liShare.approval).toBe('pending')
    const liFirst = await buy('o_switch_b3', dealId, 1, { shareCode: liShare.shareCode })
    expect((await orderDoc(liFirst.id)).promoter).toMatchObject({ promoter: li, counts: false })
    expect(await pending(li)).toBe(0)
    await setPolicy({ approvalRequired: true })
    expect((await shops('promoters', { shopId: 'shop_shiguang' }, owner)).body.data.find((x: { promoterId: string }) => x.promoterId === li)).toMatchObject({ approval: 'pending' })
    await shops('reviewPromoter', { shopId: 'shop_shiguang', promoterId: li, decision: 'approved' }, owner)
    const liNext = await buy('o_switch_b4', dealId, 1, { shareCode: liShare.shareCode })
    expect((await orderDoc(liNext.id)).promoter).toMatchObject({ promoter: li, counts: true })
    expect(await pending(li)).toBe(1000)
  })

  it('a promoter the owner had rejected, earning again while the shop was open, is approved by the next switch (and told by name in the app)', async () => {
    const zhao = 'o_switch_zhao'
    await p('join', { name: '赵姐' }, zhao)
    const dealId = await newDeal()
    await setPolicy({ approvalRequired: true })
    await p('share', { dealId }, zhao)
    await shops('reviewPromoter', { shopId: 'shop_shiguang', promoterId: zhao, decision: 'rejected' }, owner)
    await setPolicy({ approvalRequired: false })
    expect((await p('share', { dealId }, zhao)).body.data.approval).toBe('not_required')
    await setPolicy({ approvalRequired: true })
    expect((await p('share', { dealId }, zhao)).body.data.approval).toBe('approved')
    const events = (await getDb().collection('audit_events').where({ entityId: `shop_shiguang:${zhao}`, action: 'promoter.approved' }).get()).data
    expect(events.map((e: { from: string | null }) => e.from)).toEqual(['rejected'])
  })

  it('hold days lock a settled commission until its date, then it is available', async () => {
    await setPolicy({ holdDays: 2 })
    const dealId = await newDeal()
    const share = (await p('share', { dealId }, promoter)).body.data
    const before = (await p('center', {}, promoter)).body.data.balance
    const order = await buy('o_hold_1', dealId, 1, { shareCode: share.shareCode })
    const ok = await t.call('redemption', { action: 'confirm', input: { codes: [order.codes[0].code], idempotencyKey: key() } }, staff)
    expect(ok.body.data.results[0].ok).toBe(true)
    const c = (await p('center', {}, promoter)).body.data
    expect(c.balance.lockedFen).toBe(before.lockedFen + 1000)
    expect(c.balance.availableFen).toBe(before.availableFen)
    const line = (await p('orders', { limit: 50 }, promoter)).body.data.items.find((o: { orderId: string }) => o.orderId === order.id).lines[0]
    expect(line).toMatchObject({ status: 'settled', holdDays: 2 })
    expect(line.validEnd).toBeGreaterThan(Date.now())
    expect(line.availableAt - Date.now()).toBeGreaterThan(2 * DAY - 60_000)
    // Two days later (moved on the line and the promoter's unlock time): available.
    await getDb().collection('commission_lines').doc(line.id).update({ availableAt: new Date(Date.now() - 1000) })
    await getDb().collection('promoters').doc(promoter).update({ lockedUntil: new Date(Date.now() - 1000) })
    const after = (await p('center', {}, promoter)).body.data.balance
    expect(after.availableFen).toBe(before.availableFen + 1000)
  })
})

describe('funnels per WeChat group and "why this order is yours"', () => {
  it('counts opens, viewers, orders, redemptions and commission per share and per group, from the events', async () => {
    const dealId = await newDeal()
    const shopPlaced = async () => (await shops('promoters', { shopId: 'shop_shiguang' }, owner)).body.data.find((x: { promoterId: string }) => x.promoterId === promoter)?.placed ?? 0
    const shopPlacedBefore = await shopPlaced()
    const share = (await p('share', { dealId, channel: 'poster' }, promoter)).body.data
    await p('visit', { shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_alpha') }, 'o_f_1')
    await p('visit', { shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_alpha') }, 'o_f_1')
    await p('visit', { shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_alpha') }, 'o_f_2')
    await p('visit', { shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_beta') }, 'o_f_3')
    // A cloudID the platform cannot decrypt is no group, never an error.
    expect((await p('visit', { shareCode: share.shareCode, groupCloudID: 'forged-opengid' }, 'o_f_4')).body.ok).toBe(true)
    const order = await buy('o_f_1', dealId, 3)
    // Placed through the share but never paid: counted as 下单, not as paid.
    expect((await t.call('orders', { action: 'place', input: { dealId, qty: 1, idempotencyKey: key() } }, 'o_f_2')).body.ok).toBe(true)
    await t.call('redemption', { action: 'confirm', input: { codes: [order.codes[0].code], idempotencyKey: key() } }, staff)
    await t.call('orders', { action: 'refund', input: { orderId: order.id, codes: [order.codes[2].code] } }, 'o_f_1')

    const c = (await p('center', {}, promoter)).body.data
    const f = c.shares.find((s: { shareCode: string }) => s.shareCode === share.shareCode)
    expect(f).toMatchObject({ channel: 'poster', visits: 5, visitors: 4, placed: 2, orders: 1, units: 3, redeemed: 1, commissionFen: 2000, approval: 'not_required' })
    expect(f.groups).toHaveLength(2)
    const [alpha, beta] = f.groups
    expect(alpha).toMatchObject({ visits: 3, visitors: 2, placed: 2, orders: 1, units: 3, redeemed: 1, commissionFen: 2000 })
    expect(alpha.label).toMatch(/^群 [2-9A-Z]{4}$/)
    expect(beta).toMatchObject({ visits: 1, visitors: 1, placed: 0, orders: 0 })
    expect(alpha.label).not.toBe(beta.label)

    const why = (await p('orders', { limit: 5 }, promoter)).body.data.items.find((o: { orderId: string }) => o.orderId === order.id)
    expect(why).toMatchObject({ rule: 'last_touch', shareCode: share.shareCode, channel: 'poster', groupLabel: alpha.label, windowDays: 7, commissionCounts: true, commissionFen: 2000 })
    expect(why.visitAt).toBeLessThanOrEqual(why.paidAt)
    expect(why.lines.map((l: { status: string }) => l.status).sort()).toEqual(['pending', 'reversed', 'settled'])

    const shopSide = (await shops('promoters', { shopId: 'shop_shiguang' }, owner)).body.data.find((x: { promoterId: string }) => x.promoterId === promoter)
    expect(shopSide.orders).toBeGreaterThanOrEqual(1)
    // The shop's 下单 for this promoter moved by the two orders placed through the share, as the share's own did.
    expect(shopSide.placed).toBe(shopPlacedBefore + 2)
    // A checkout carrying the code in its link, from the beta group: the share, that group and the shop each count it once.
    expect((await t.call('orders', { action: 'place', input: { dealId, qty: 1, idempotencyKey: key(), shareCode: share.shareCode, groupCloudID: groupCloudID(t, 'g_beta') } }, 'o_f_5')).body.ok).toBe(true)
    const again = (await p('center', {}, promoter)).body.data.shares.find((s: { shareCode: string }) => s.shareCode === share.shareCode)
    expect(again.placed).toBe(3)
    expect(again.groups.find((g: { label: string }) => g.label === beta.label).placed).toBe(1)
    expect(again.groups.find((g: { label: string }) => g.label === alpha.label).placed).toBe(2)
    expect(await shopPlaced()).toBe(shopPlacedBefore + 3)
    expect(shopSide.redeemed).toBeGreaterThanOrEqual(1)
  })

  it('pages the order list with a cursor and shows only the caller\'s orders', async () => {
    const first = (await p('orders', { limit: 2 }, promoter)).body.data
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).not.toBeNull()
    const second = (await p('orders', { limit: 2, cursor: first.nextCursor }, promoter)).body.data
    expect(second.items[0].orderId).not.toBe(first.items[0].orderId)
    expect((await p('orders', { limit: 2 }, 'o_not_a_promoter')).body.code).toBe('NOT_PROMOTER')
  })

  it('poster code: wxacode.getUnlimited (scene = share code) stored once in cloud storage, reused; someone else\'s share is not found', async () => {
    const dealId = await newDeal()
    const share = (await p('share', { dealId, channel: 'poster' }, promoter)).body.data
    const code = (await p('posterCode', { shareCode: share.shareCode }, promoter)).body.data
    expect(code).toEqual({ kind: 'image', url: `cloud://tuanka-local.local-bucket/wxacode/${share.shareCode}.png` })
    const made = () => t.stack.openapi.calls.filter((c) => c.api === 'wxacode.getUnlimited' && c.params.scene === share.shareCode)
    expect(made()).toEqual([expect.objectContaining({ params: expect.objectContaining({ page: 'pages/deal/index', check_path: false }), errcode: 0 })])
    // The image is a real PNG, served where the h5 app shows a cloud file id.
    const res = await fetch(`${t.stack.apiUrl}/files/cloud/wxacode/${share.shareCode}.png`)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    // Asked again: the kept code, WeChat not asked twice (getUnlimited is rate-limited).
    expect((await p('posterCode', { shareCode: share.shareCode }, promoter)).body.data).toEqual(code)
    expect(made()).toHaveLength(1)
    await p('join', { name: '另一位推手' }, 'o_other_promoter')
    expect((await p('posterCode', { shareCode: share.shareCode }, 'o_other_promoter')).body.code).toBe('SHARE_NOT_FOUND')
  })
})
