import { getDb } from '../../server/platform/cloudbase'
import { openidOf } from '../../local/seed/personas'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

describe('deals.list', () => {
  it('lists the published demo deals in feed order (buyable newest first, as none has sold; then upcoming), with shop names and sale states', async () => {
    const { status, body } = await t.call('deals', { action: 'list', input: {} })
    expect(status).toBe(200)
    expect(body.ok).toBe(true)
    const ids = body.data.items.map((d: { id: string }) => d.id)
    expect(ids).toEqual(['deal_voucher_100', 'deal_hotpot_4', 'deal_latte', 'deal_tea_for_two', 'deal_cakes'])
    const cakes = body.data.items[4]
    expect(cakes.saleState).toBe('not_started')
    expect(cakes.shopName).toBe('拾光咖啡（万象城店）')
    const voucher = body.data.items[0]
    expect(voucher).toMatchObject({ saleState: 'on_sale', stockLeft: 3, priceFen: 8800, refundAnytime: true })
    expect(body.data.nextCursor).toBeNull()
  })

  it('pages with a cursor', async () => {
    const first = await t.call('deals', { action: 'list', input: { limit: 2 } })
    expect(first.body.data.items).toHaveLength(2)
    const second = await t.call('deals', { action: 'list', input: { limit: 2, cursor: first.body.data.nextCursor } })
    expect(second.body.data.items.map((d: { id: string }) => d.id)).toEqual(['deal_latte', 'deal_tea_for_two'])
  })

  it('filters by shop and hides drafts', async () => {
    await getDb()
      .collection('deals')
      .add({ _id: 'deal_draft', shopId: 'shop_shiguang', title: '草稿', status: 'draft', images: [], createdAt: new Date() })
    const { body } = await t.call('deals', { action: 'list', input: { shopId: 'shop_shiguang' } })
    const ids = body.data.items.map((d: { id: string }) => d.id)
    expect(ids).toEqual(['deal_latte', 'deal_tea_for_two', 'deal_cakes'])
  })
})

describe('deals.get', () => {
  it('returns the deal page with its shop', async () => {
    const { body } = await t.call('deals', { action: 'get', input: { id: 'deal_hotpot_4' } })
    expect(body.ok).toBe(true)
    expect(body.data).toMatchObject({ id: 'deal_hotpot_4', perUserLimit: 2, shop: { id: 'shop_shuxiang', phone: '0755-86665678' } })
    expect(body.data.images).toHaveLength(2)
    expect(body.data.validEnd).toBeGreaterThan(body.data.serverTime)
  })

  it('answers an unknown deal with DEAL_NOT_FOUND', async () => {
    const { status, body } = await t.call('deals', { action: 'get', input: { id: 'nope' } })
    expect(status).toBe(404)
    expect(body).toEqual({ ok: false, code: 'DEAL_NOT_FOUND', message: '团购不存在或已下架' })
  })

  it('shows a draft only to its shop; others get the same answer as a missing deal', async () => {
    await getDb().collection('deals').doc('deal_draft2').set({
      shopId: 'shop_shiguang', title: '新品草稿', status: 'draft', images: [], priceFen: 100, originalPriceFen: 200,
      stock: 1, sold: 0, perUserLimit: 1, saleStart: new Date(), saleEnd: new Date(Date.now() + 1e6),
      validStart: new Date(), validEnd: new Date(Date.now() + 1e7), rules: [], description: '', commissionBps: 0,
      createdAt: new Date(), updatedAt: new Date(),
    })
    const stranger = await t.call('deals', { action: 'get', input: { id: 'deal_draft2' } }, openidOf('consumer'))
    const missing = await t.call('deals', { action: 'get', input: { id: 'deal_missing' } }, openidOf('consumer'))
    expect(stranger).toEqual(missing)
    const staff = await t.call('deals', { action: 'get', input: { id: 'deal_draft2' } }, openidOf('staff'))
    expect(staff.body.data.saleState).toBe('draft')
  })
})
