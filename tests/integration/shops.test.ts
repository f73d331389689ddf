import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

describe('shops.me', () => {
  it('is anonymous without a platform identity', async () => {
    const { body } = await t.call('shops', { action: 'me', input: {} })
    expect(body.data).toEqual({ openid: null, isAdmin: false, memberships: [], promoter: false })
  })

  it('never takes identity from the event', async () => {
    const { body } = await t.call('shops', { action: 'me', input: {}, userInfo: { openId: openidOf('owner') } })
    expect(body.data.openid).toBeNull()
  })

  it('knows the owner, the staff and the promoter', async () => {
    const owner = await t.call('shops', { action: 'me', input: {} }, openidOf('owner'))
    expect(owner.body.data.memberships).toEqual([{ shopId: 'shop_shiguang', shopName: '拾光咖啡（万象城店）', role: 'owner' }])
    const staff = await t.call('shops', { action: 'me', input: {} }, openidOf('staff'))
    expect(staff.body.data.memberships[0].role).toBe('staff')
    const promoter = await t.call('shops', { action: 'me', input: {} }, openidOf('promoter'))
    expect(promoter.body.data).toMatchObject({ promoter: true, memberships: [] })
    const admin = await t.call('shops', { action: 'me', input: {} }, 'o_demo_admin')
    expect(admin.body.data.isAdmin).toBe(true)
  })
})

describe('shops.get', () => {
  it('returns the public card or SHOP_NOT_FOUND', async () => {
    const ok = await t.call('shops', { action: 'get', input: { id: 'shop_shuxiang' } })
    expect(ok.body.data).toMatchObject({ name: '蜀香老火锅（科技园店）', hours: '每天 11:00-次日 02:00' })
    const missing = await t.call('shops', { action: 'get', input: { id: 'shop_x' } })
    expect(missing.body.code).toBe('SHOP_NOT_FOUND')
  })
})

describe('who sees the shop\'s money (staffSeeRevenue)', () => {
  const owner = openidOf('owner')
  const staff = openidOf('staff')
  const shopId = 'shop_shiguang'
  const shops = (action: string, input: unknown, who: string | null) => t.call('shops', { action, input }, who)
  const switches = async () => (await getDb().collection('audit_events').where({ entityId: shopId, action: 'shop.staff_see_revenue' }).get()).data

  it('is the owner\'s: off by default, staff cannot read or change it, bad input changes nothing', async () => {
    expect((await shops('settings', { shopId }, owner)).body.data).toEqual({ staffSeeRevenue: false })
    expect((await shops('settings', { shopId }, staff)).body.code).toBe('FORBIDDEN')
    expect((await shops('settings', { shopId }, openidOf('consumer'))).body.code).toBe('SHOP_NOT_FOUND')
    const before = await snapshotDb()
    expect((await shops('updateSettings', { shopId, staffSeeRevenue: true }, staff)).body.code).toBe('FORBIDDEN')
    expect((await shops('updateSettings', { shopId, staffSeeRevenue: 'yes' }, owner)).body.code).toBe('INVALID_INPUT')
    expect((await shops('updateSettings', { shopId }, owner)).body.code).toBe('INVALID_INPUT')
    expect((await shops('updateSettings', { shopId: 'shop_x', staffSeeRevenue: true }, owner)).body.code).toBe('SHOP_NOT_FOUND')
    // Saving the value it already has changes nothing either.
    expect((await shops('updateSettings', { shopId, staffSeeRevenue: false }, owner)).body.data).toEqual({ staffSeeRevenue: false })
    expect(await snapshotDb()).toEqual(before)
  })

  it('staff get promoters without commission figures until the owner allows it; the export stays the owner\'s', async () => {
    const promoter = openidOf('promoter')
    const share = (await t.call('promoters', { action: 'share', input: { dealId: 'deal_tea_for_two' } }, promoter)).body.data
    const placed = await t.call('orders', { action: 'place', input: { dealId: 'deal_tea_for_two', qty: 1, idempotencyKey: key(), shareCode: share.shareCode } }, openidOf('consumer'))
    await pay(t, openidOf('consumer'), placed.body.data.id)
    const byOwner = (await shops('promoters', { shopId }, owner)).body.data
    expect(byOwner.length).toBeGreaterThan(0)
    for (const p of byOwner) expect(p).toEqual(expect.objectContaining({ commissionFen: expect.any(Number), settledFen: expect.any(Number) }))
    const wang = byOwner.find((p: { promoterId: string }) => p.promoterId === promoter)
    expect(wang.commissionFen).toBeGreaterThan(0)

    const byStaff = (await shops('promoters', { shopId }, staff)).body.data
    expect(byStaff.map((p: { promoterId: string }) => p.promoterId).sort()).toEqual(byOwner.map((p: { promoterId: string }) => p.promoterId).sort())
    for (const p of byStaff) expect(Object.keys(p).filter((k) => k.endsWith('Fen'))).toEqual([])
    const { commissionFen: _c, settledFen: _s, ...counts } = wang
    expect(byStaff.find((p: { promoterId: string }) => p.promoterId === promoter)).toEqual(counts)

    expect((await shops('updateSettings', { shopId, staffSeeRevenue: true }, owner)).body.data).toEqual({ staffSeeRevenue: true })
    const audited = await switches()
    expect(audited).toHaveLength(1)
    expect(audited[0]).toMatchObject({ from: 'false', to: 'true', actor: owner })
    expect((await shops('promoters', { shopId }, staff)).body.data.find((p: { promoterId: string }) => p.promoterId === promoter)).toEqual(wang)
    const day = (await shops('dashboard', { shopId }, owner)).body.data.today.day
    expect((await shops('exportCsv', { shopId, from: day, to: day }, staff)).body.code).toBe('FORBIDDEN')

    expect((await shops('updateSettings', { shopId, staffSeeRevenue: false }, owner)).body.data).toEqual({ staffSeeRevenue: false })
    expect((await switches()).map((e: { to: string }) => e.to)).toEqual(['true', 'false'])
    expect(Object.keys((await shops('promoters', { shopId }, staff)).body.data[0]).some((k) => k.endsWith('Fen'))).toBe(false)
  })

  it('the dashboard answers staff the counts with money null by default, and the owner\'s money once allowed', async () => {
    const own = (await shops('dashboard', { shopId }, owner)).body.data
    expect(own.money.last30.grossFen).toBeGreaterThan(0)
    const counts = (await shops('dashboard', { shopId }, staff)).body.data
    expect(counts.money).toBeNull()
    expect(counts).toEqual({ ...own, money: null })
    await shops('updateSettings', { shopId, staffSeeRevenue: true }, owner)
    expect((await shops('dashboard', { shopId }, staff)).body.data).toEqual(own)
    await shops('updateSettings', { shopId, staffSeeRevenue: false }, owner)
    expect((await shops('dashboard', { shopId }, staff)).body.data.money).toBeNull()
  })

  it('the redemption history answers staff without prices by default (a day\'s prices are its money)', async () => {
    const placed = await t.call('orders', { action: 'place', input: { dealId: 'deal_tea_for_two', qty: 1, idempotencyKey: key() } }, openidOf('consumer'))
    await pay(t, openidOf('consumer'), placed.body.data.id)
    const code = (await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, openidOf('consumer'))).body.data.codes[0].code
    expect((await t.call('redemption', { action: 'confirm', input: { codes: [code], idempotencyKey: key() } }, staff)).body.data.results[0].ok).toBe(true)
    const history = async (who: string) => (await t.call('redemption', { action: 'history', input: { shopId } }, who)).body.data
    const own = await history(owner)
    expect(own.items.find((i: { code: string }) => i.code === code)).toMatchObject({ unitPriceFen: 6800 })
    const counts = await history(staff)
    expect(counts.items.map((i: { code: string }) => i.code)).toEqual(own.items.map((i: { code: string }) => i.code))
    for (const i of counts.items) expect(Object.keys(i).filter((k) => k.endsWith('Fen'))).toEqual([])
    await shops('updateSettings', { shopId, staffSeeRevenue: true }, owner)
    expect(await history(staff)).toEqual(own)
    await shops('updateSettings', { shopId, staffSeeRevenue: false }, owner)
  })
})
