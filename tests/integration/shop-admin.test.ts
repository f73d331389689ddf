import { DEMO_ADMIN_OPENID, openidOf, OWNER_B } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { auditCount } from '../support/audit-events'
import { key, placeAndPay } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const owner = openidOf('owner')
const staff = openidOf('staff')
const shops = (action: string, input: unknown, who: string | null) => t.call('shops', { action, input }, who)
const deals = (action: string, input: unknown, who: string | null) => t.call('deals', { action, input }, who)
const DAY = 24 * 3600 * 1000

describe('onboarding', () => {
  it('an admin opens a shop; the owner joins by invite; the owner invites staff; invites are one-time', async () => {
    const fields = { name: '新店', address: '深圳市福田区 1 号', phone: '0755-1234567', hours: '10:00-22:00' }
    expect((await shops('create', fields, owner)).body.code).toBe('FORBIDDEN')
    const created = await shops('create', fields, DEMO_ADMIN_OPENID)
    const shopId = created.body.data.shop.id
    const ownerJoin = await shops('acceptInvite', { code: created.body.data.ownerInvite.code, name: '张老板' }, 'o_new_owner')
    expect(ownerJoin.body.data).toMatchObject({ role: 'owner', name: '张老板' })
    const reuse = await shops('acceptInvite', { code: created.body.data.ownerInvite.code, name: '冒名' }, 'o_intruder')
    expect(reuse.body.code).toBe('INVITE_INVALID')

    expect((await shops('invite', { shopId }, staff)).body.code).toBe('SHOP_NOT_FOUND')
    const invite = await shops('invite', { shopId }, 'o_new_owner')
    const racers = await Promise.all(['o_a', 'o_b', 'o_c'].map((who) => shops('acceptInvite', { code: invite.body.data.code, name: '店员' }, who)))
    expect(racers.filter((r) => r.body.ok)).toHaveLength(1)
    const list = await shops('members', { shopId }, 'o_new_owner')
    expect(list.body.data.map((m: { role: string }) => m.role)).toEqual(['owner', 'staff'])

    const staffId = list.body.data[1].openid
    expect((await shops('removeStaff', { shopId, openid: staffId }, staffId)).body.code).toBe('FORBIDDEN')
    expect((await shops('removeStaff', { shopId, openid: 'o_new_owner' }, 'o_new_owner')).body.code).toBe('CANNOT_REMOVE_OWNER')
    // Removed twice at once (two taps, two devices): one removal, one audit event; the later call finds nobody to remove.
    const both = await Promise.all([0, 1].map(() => shops('removeStaff', { shopId, openid: staffId }, 'o_new_owner')))
    expect(both.filter((r) => r.body.ok).length).toBeGreaterThanOrEqual(1)
    for (const r of both) if (!r.body.ok) expect(r.body.code).toBe('MEMBER_NOT_FOUND')
    expect(await auditCount({ entityId: shopId, action: 'shop.staff_removed' })).toBe(1)
    const after = await shops('members', { shopId }, 'o_new_owner')
    expect(after.body.data).toHaveLength(1)
    // A removed staff member is refused at the counter.
    expect((await t.call('redemption', { action: 'preview', input: { code: 'ABCDEFGHJKMN' } }, staffId)).body.code).toBe('NOT_STAFF')
  })

  it('the owner edits the shop; staff and strangers cannot', async () => {
    const r = await shops('update', { shopId: 'shop_shiguang', phone: '0755-88889999', location: { lat: 22.5, lng: 113.9 } }, owner)
    expect(r.body.data).toMatchObject({ phone: '0755-88889999', location: { lat: 22.5, lng: 113.9 } })
    expect((await shops('update', { shopId: 'shop_shiguang', name: 'x' }, staff)).body.code).toBe('FORBIDDEN')
    expect((await shops('update', { shopId: 'shop_shiguang', name: 'x' }, OWNER_B)).body.code).toBe('SHOP_NOT_FOUND')
  })
})

describe('deals of a shop', () => {
  const draft = () => ({
    shopId: 'shop_shiguang', title: '周末早午餐', images: ['/files/demo/coffee-1.svg'], priceFen: 5900, originalPriceFen: 8800,
    stock: 10, perUserLimit: 2, saleStart: Date.now() - DAY, saleEnd: Date.now() + 7 * DAY, validStart: Date.now() - DAY,
    validEnd: Date.now() + 30 * DAY, rules: ['限周末'], description: '', commissionBps: 500,
  })

  it('create a draft, publish, pause, resume, end — per the transitions table', async () => {
    const created = await deals('create', draft(), owner)
    const id = created.body.data.id
    expect(created.body.data.status).toBe('draft')
    expect((await t.call('deals', { action: 'get', input: { id } }, 'o_stranger')).body.code).toBe('DEAL_NOT_FOUND')
    expect((await deals('setStatus', { id, to: 'published' }, staff)).body.code).toBe('FORBIDDEN')
    expect((await deals('setStatus', { id, to: 'published' }, owner)).body.data.status).toBe('published')
    expect((await deals('setStatus', { id, to: 'paused' }, owner)).body.data.saleState).toBe('paused')
    expect((await deals('setStatus', { id, to: 'published' }, owner)).body.data.status).toBe('published')
    expect((await deals('setStatus', { id, to: 'ended' }, owner)).body.data.saleState).toBe('ended')
    expect((await deals('setStatus', { id, to: 'published' }, owner)).body.code).toBe('DEAL_STATE_CHANGE_NOT_ALLOWED')
  })

  it('an incomplete deal cannot be published, and says why', async () => {
    const created = await deals('create', { ...draft(), images: [] }, owner)
    const r = await deals('setStatus', { id: created.body.data.id, to: 'published' }, owner)
    expect(r.body).toMatchObject({ ok: false, code: 'DEAL_INCOMPLETE', message: '请至少上传一张图片' })
  })

  it('another shop\'s owner cannot see or touch the deal', async () => {
    const before = await snapshotDb()
    expect((await deals('update', { id: 'deal_latte', priceFen: 1 }, OWNER_B)).body.code).toBe('DEAL_NOT_FOUND')
    expect((await deals('adjustStock', { id: 'deal_latte', delta: 5 }, OWNER_B)).body.code).toBe('DEAL_NOT_FOUND')
    expect((await deals('create', draft(), OWNER_B)).body.code).toBe('SHOP_NOT_FOUND')
    expect(await snapshotDb()).toEqual(before)
  })

  it('stock is adjusted atomically and never below zero', async () => {
    const before = (await getDb().collection('deals').doc('deal_cakes').get()).data[0].stock
    expect((await deals('adjustStock', { id: 'deal_cakes', delta: 5 }, owner)).body.data.stockLeft).toBe(before + 5)
    expect((await deals('adjustStock', { id: 'deal_cakes', delta: -(before + 6) }, owner)).body.code).toBe('STOCK_BELOW_ZERO')
    expect((await deals('listForShop', { shopId: 'shop_shiguang' }, staff)).body.data.length).toBeGreaterThanOrEqual(3)
  })
})

describe('dashboard and settlement export', () => {
  it('counts today\'s orders, units, redemptions and refunds; the CSV is the owner\'s (money: shop-money.test.ts)', async () => {
    const o = await placeAndPay(t, openidOf('consumer'), 'deal_tea_for_two', 2)
    await t.call('redemption', { action: 'confirm', input: { codes: [o.codes[0].code], idempotencyKey: key() } }, staff)
    await t.call('orders', { action: 'refund', input: { orderId: o.id, codes: [o.codes[1].code] } }, openidOf('consumer'))
    const d = await shops('dashboard', { shopId: 'shop_shiguang' }, owner)
    expect(d.body.data.daily).toHaveLength(30)
    // Units sold are paid units not refunded, as the deal's 已售 counts them: the redeemed one stays, the refunded one leaves.
    expect(d.body.data.today).toMatchObject({ orders: 1, units: 1, redemptions: 1, refunds: 1 })
    expect(d.body.data.money.last30).toMatchObject({ grossFen: 13600, refundedFen: 6800, netFen: 6800 })
    const day = d.body.data.today.day
    expect((await shops('exportCsv', { shopId: 'shop_shiguang', from: day, to: day }, staff)).body.code).toBe('FORBIDDEN')
    const { from, to } = d.body.data.money.last30
    const csv = await shops('exportCsv', { shopId: 'shop_shiguang', from, to }, owner)
    expect(csv.body.data.csv.startsWith('\ufeff')).toBe(true)
    const lines = csv.body.data.csv.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('类型,日期,时间,团购,订单号,券码,份数,收入(元),退款(元),净收入(元),核销金额(元),推广佣金(元)')
    expect(lines.filter((l: string) => l.startsWith('支付'))).toHaveLength(1)
    expect(lines.at(-1)).toBe(`合计,${from} 至 ${to},,,,,,136.00,68.00,68.00,68.00,0.00`)
    expect((await shops('exportCsv', { shopId: 'shop_shiguang', from: day, to: '2020-01-01' }, owner)).body.code).toBe('INVALID_PERIOD')
  })
})

describe('deal bad input', () => {
  const base = () => ({
    shopId: 'shop_shiguang', title: '测试', images: [], priceFen: 100, originalPriceFen: 200, stock: 1, perUserLimit: 1,
    saleStart: Date.now(), saleEnd: Date.now() + DAY, validStart: Date.now(), validEnd: Date.now() + 2 * DAY, rules: [], description: '', commissionBps: 0,
  })
  it.each([
    ['sale ends before it starts', { saleEnd: Date.now() - DAY }, 'DEAL_INVALID'],
    ['validity ends before the sale', { validEnd: Date.now() + DAY / 2 }, 'DEAL_INVALID'],
    ['price above the original', { priceFen: 300 }, 'DEAL_INVALID'],
    ['negative price', { priceFen: -1 }, 'INVALID_INPUT'],
    ['negative stock', { stock: -5 }, 'INVALID_INPUT'],
    ['fractional fen', { priceFen: 10.5 }, 'INVALID_INPUT'],
    ['commission above 30 %', { commissionBps: 3001 }, 'INVALID_INPUT'],
  ])('%s is refused with %s and nothing is written', async (_n, patch, code) => {
    const before = await snapshotDb()
    expect((await deals('create', { ...base(), ...patch }, owner)).body.code).toBe(code)
    expect(await snapshotDb()).toEqual(before)
  })
})
