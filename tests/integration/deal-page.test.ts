import { getDb } from '../../server/platform/cloudbase'
import { openidOf } from '../../local/seed/personas'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

/** deals.page: the deal page's one call answers what deals.get, deals.buyers and deals.reviews answer separately. */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack({ seedHistory: true })
})
afterAll(() => t.stop())

const data = async (action: string, input: unknown, openid: string | null = null) => {
  const { body } = await t.call('deals', { action, input }, openid)
  if (!body.ok) throw new Error(`deals.${action}: ${JSON.stringify(body)}`)
  return body.data
}
const withoutTime = <T extends { serverTime: number }>(d: T) => ({ ...d, serverTime: 0 })

describe('deals.page', () => {
  it('answers the deal, its buyer list (with the WeChat group it was opened from) and its reviews, as the three separate calls do', async () => {
    for (const [id, group] of [['deal_tea_for_two', 'g_demo_neighbours'], ['deal_latte', 'g_demo_colleagues'], ['deal_hotpot_4', undefined]] as const) {
      const input = group ? { id, groupCloudID: groupCloudID(t, group) } : { id }
      const page = await data('page', input)
      expect(Object.keys(page).sort()).toEqual(['buyers', 'deal', 'reviews'])
      expect(withoutTime(page.deal)).toEqual(withoutTime(await data('get', { id })))
      expect(page.buyers).toEqual(await data('buyers', group ? { dealId: id, groupCloudID: groupCloudID(t, group) } : { dealId: id }))
      expect(page.reviews).toEqual(await data('reviews', { dealId: id }))
    }
    // The demo history has buyers in the neighbours' group and reviews of the deals: the answer is not empty by accident.
    const tea = await data('page', { id: 'deal_tea_for_two', groupCloudID: groupCloudID(t, 'g_demo_neighbours') })
    expect(tea.buyers.totalBuyers).toBeGreaterThan(0)
    expect(tea.buyers.group).toMatchObject({ buyers: 1 })
    const reviewed = await Promise.all(['deal_tea_for_two', 'deal_latte', 'deal_hotpot_4'].map((id) => data('page', { id })))
    expect(reviewed.some((p) => p.reviews.count > 0)).toBe(true)
  })

  it('without a group, or with a cloudID the platform does not know, has no group list', async () => {
    expect((await data('page', { id: 'deal_tea_for_two' })).buyers.group).toBeNull()
    expect((await data('page', { id: 'deal_tea_for_two', groupCloudID: 'forged-cloud-id' })).buyers.group).toBeNull()
  })

  it('answers an unknown deal DEAL_NOT_FOUND, and a draft only to its shop', async () => {
    const missing = await t.call('deals', { action: 'page', input: { id: 'deal_missing' } }, openidOf('consumer'))
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ ok: false, code: 'DEAL_NOT_FOUND', message: '团购不存在或已下架' })
    await getDb().collection('deals').doc('deal_page_draft').set({
      shopId: 'shop_shiguang', title: '新品草稿', status: 'draft', images: [], priceFen: 100, originalPriceFen: 200,
      stock: 1, sold: 0, perUserLimit: 1, saleStart: new Date(), saleEnd: new Date(Date.now() + 1e6),
      validStart: new Date(), validEnd: new Date(Date.now() + 1e7), rules: [], description: '', commissionBps: 0,
      createdAt: new Date(), updatedAt: new Date(),
    })
    const stranger = await t.call('deals', { action: 'page', input: { id: 'deal_page_draft' } }, openidOf('consumer'))
    const anonymous = await t.call('deals', { action: 'page', input: { id: 'deal_page_draft' } })
    expect(stranger).toEqual(missing)
    expect(anonymous).toEqual(missing)
    const staff = await data('page', { id: 'deal_page_draft' }, openidOf('staff'))
    expect(staff.deal.saleState).toBe('draft')
    expect(staff.buyers).toMatchObject({ totalBuyers: 0, items: [] })
    expect(staff.reviews).toEqual({ average: null, count: 0, items: [] })
  })

  it('refuses bad input before reading anything', async () => {
    for (const input of [{}, { id: 'x'.repeat(65) }, { id: 'deal_latte', groupCloudID: 'bad id!' }, { id: 'deal_latte', extra: 1 }, { id: { $ne: null } }]) {
      const trips = t.stack.db.stats().requests
      const res = await t.call('deals', { action: 'page', input })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('INVALID_INPUT')
      expect(t.stack.db.stats().requests).toBe(trips)
    }
  })
})
