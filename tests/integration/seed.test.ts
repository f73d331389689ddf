import { getDb } from '../../server/platform/cloudbase'
import { openidOf } from '../../local/seed/personas'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack({ seedHistory: true })
})
afterAll(() => t.stop())

describe('demo data', () => {
  it('every number on a page is backed by real orders made through the functions', async () => {
    const db = getDb()
    const deals = (await db.collection('deals').get()).data as { _id: string; sold: number; stock: number }[]
    for (const d of deals) {
      const orders = (await db.collection('orders').where({ dealId: d._id }).get()).data as { qty: number; status: string }[]
      const kept = orders.filter((o) => ['paid', 'completed', 'grouping'].includes(o.status)).reduce((a, o) => a + o.qty, 0)
      expect(d.sold).toBe(kept)
    }
    const voucher = (await t.call('deals', { action: 'get', input: { id: 'deal_voucher_100' } })).body.data
    expect(voucher.saleState).toBe('sold_out')
    const hotpot = (await t.call('deals', { action: 'get', input: { id: 'deal_hotpot_4' } })).body.data
    expect(hotpot.group).toMatchObject({ by: 'units', min: 20, count: 6, status: 'forming' })
    const buyers = (await t.call('deals', { action: 'buyers', input: { dealId: 'deal_latte', groupCloudID: groupCloudID(t, 'g_demo_neighbours') } })).body.data
    expect(buyers.totalBuyers).toBe(3)
    expect(buyers.group.buyers).toBe(1)
    const reviews = (await t.call('deals', { action: 'reviews', input: { dealId: 'deal_latte' } })).body.data
    expect(reviews.count).toBeGreaterThan(0)
    const center = (await t.call('promoters', { action: 'center', input: {} }, openidOf('promoter'))).body.data
    expect(center.shares.reduce((a: number, s: { orders: number }) => a + s.orders, 0)).toBe(3)
    // The tea card's funnel: 4 lookers + 2 buyers opened it, in two WeChat groups; the hotpot poster waits for 蜀香's approval.
    const tea = center.shares.find((s: { dealId: string; channel: string }) => s.dealId === 'deal_tea_for_two' && s.channel === 'card')
    expect(tea).toMatchObject({ visits: 6, visitors: 6, placed: 2, orders: 2, units: 3 })
    expect(tea.groups.map((g: { visits: number }) => g.visits)).toEqual([4, 2])
    expect(center.shares.find((s: { dealId: string }) => s.dealId === 'deal_hotpot_4').approval).toBe('pending')
  })
})
