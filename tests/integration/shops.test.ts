import { openidOf } from '../../local/seed/personas'
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
