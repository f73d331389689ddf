import { getDb } from '../../server/platform/cloudbase'
import { openidOf } from '../../local/seed/personas'
import { startTestStack, type TestStack } from './support/stack'

/**
 * deals.list as the home feed: its order (core/deals/feed), search, category, 附近 and paging, through the gateway
 * and the real SDK. Time is the stack's clock: every date here is relative to the `now` the function reports.
 */
let t: TestStack
let now: number
const HOUR = 3600_000
const ids = (body: { data: { items: { id: string }[] } }) => body.data.items.map((d) => d.id)
const list = (input: Record<string, unknown>) => t.call('deals', { action: 'list', input })

beforeAll(async () => {
  t = await startTestStack()
  const { body } = await t.call('deals', { action: 'get', input: { id: 'deal_latte' } })
  now = body.data.serverTime
  const db = getDb()
  const base = (await db.collection('deals').doc('deal_latte').get()).data[0]
  const add = (id: string, patch: Record<string, unknown>) => {
    const { _id, ...rest } = base
    return db.collection('deals').doc(id).set({ ...rest, ...patch })
  }
  // Next to the demo deals (all on sale, sold 0, except deal_cakes which opens tomorrow):
  await add('deal_ending', { title: '今晚截止｜美甲 8 折', category: 'beauty', shopId: 'shop_shiguang', saleEnd: new Date(now + 3 * HOUR), createdAt: new Date(now - 20 * 24 * HOUR) })
  await add('deal_popular', { title: '热门｜亲子乐园门票', category: 'family', shopId: 'shop_shuxiang', groupUnits: 40, groupBuyers: 30, createdAt: new Date(now - 30 * 24 * HOUR) })
  await add('deal_soldout', { title: '已抢光｜双人火锅', category: 'food', shopId: 'shop_shuxiang', stock: 0, createdAt: new Date(now - HOUR) })
  await add('deal_over', { title: '已结束｜招牌拿铁', category: 'drinks', shopId: 'shop_shiguang', saleStart: new Date(now - 9 * 24 * HOUR), saleEnd: new Date(now - HOUR), createdAt: new Date(now - 2 * HOUR) })
  await add('deal_soon', { title: '后天开抢｜洗车', category: 'services', shopId: 'shop_shiguang', saleStart: new Date(now + 48 * HOUR), createdAt: new Date(now - 3 * HOUR) })
  await add('deal_regex', { title: '特价 a.*b (限量) [新] 50%+ ^$\\|?{2} ☕ 咖啡', category: 'drinks', shopId: 'shop_shiguang', createdAt: new Date(now - 5 * 24 * HOUR - HOUR) })
  // A shop 12 km away and one 80 km away (outside 附近), each with a deal on sale.
  await db.collection('shops').add([
    { _id: 'shop_far', name: '东莞远方书店', address: '', phone: '', location: { lat: 23.02, lng: 113.75 }, geo: { type: 'Point', coordinates: [113.75, 23.02] }, hours: '', ownerOpenid: 'o_x', status: 'active', createdAt: new Date(now) },
    { _id: 'shop_mid', name: '宝安亲子乐园', address: '', phone: '', location: { lat: 22.5553, lng: 113.8277 }, geo: { type: 'Point', coordinates: [113.8277, 22.5553] }, hours: '', ownerOpenid: 'o_y', status: 'active', createdAt: new Date(now) },
    { _id: 'shop_nowhere', name: '无定位小店', address: '', phone: '', location: null, hours: '', ownerOpenid: 'o_z', status: 'active', createdAt: new Date(now) },
  ])
  await add('deal_far', { title: '远方书店代金券', category: 'leisure', shopId: 'shop_far', createdAt: new Date(now - 4 * HOUR) })
  await add('deal_mid', { title: '亲子乐园周末票', category: 'family', shopId: 'shop_mid', createdAt: new Date(now - 5 * HOUR) })
  await add('deal_nowhere', { title: '无定位小店套餐', category: 'food', shopId: 'shop_nowhere', createdAt: new Date(now - 6 * HOUR) })
})
afterAll(() => t.stop())

describe('the feed order', () => {
  it('buyable first (ending soon, then most sold, then newest), then upcoming with their start, then sold out and ended', async () => {
    const { status, body } = await list({ limit: 50 })
    expect(status).toBe(200)
    expect(ids(body)).toEqual([
      'deal_ending', 'deal_popular',
      'deal_far', 'deal_mid', 'deal_nowhere', 'deal_voucher_100', 'deal_hotpot_4', 'deal_latte', 'deal_tea_for_two', 'deal_regex',
      'deal_cakes', 'deal_soon',
      'deal_soldout', 'deal_over',
    ])
    const byId = new Map(body.data.items.map((d: { id: string }) => [d.id, d]))
    expect(byId.get('deal_cakes')).toMatchObject({ saleState: 'not_started', category: 'drinks' })
    expect((byId.get('deal_soon') as { saleStart: number }).saleStart).toBe(now + 48 * HOUR)
    expect(byId.get('deal_popular')).toMatchObject({ sold: 40, category: 'family' })
    expect(byId.get('deal_latte')).not.toHaveProperty('distanceM')
  })

  it('pages through the same order with the cursor, each deal once', async () => {
    const all = ids((await list({ limit: 50 })).body)
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 10; i++) {
      const { body } = await list({ limit: 4, ...(cursor ? { cursor } : {}) })
      seen.push(...ids(body))
      cursor = body.data.nextCursor ?? undefined
      if (!cursor) break
    }
    expect(seen).toEqual(all)
  })

  it('filters by category, in the same order', async () => {
    expect(ids((await list({ category: 'drinks' })).body)).toEqual(['deal_latte', 'deal_tea_for_two', 'deal_regex', 'deal_cakes', 'deal_over'])
    expect(ids((await list({ category: 'family' })).body)).toEqual(['deal_popular', 'deal_mid'])
    expect(ids((await list({ category: 'beauty', q: '火锅' })).body)).toEqual([])
  })

  it('refuses an unknown category with INVALID_INPUT', async () => {
    const { status, body } = await list({ category: 'weapons' })
    expect(status).toBe(400)
    expect(body.code).toBe('INVALID_INPUT')
  })
})

describe('search', () => {
  it('finds deals by title and by shop name', async () => {
    expect(ids((await list({ q: '拿铁' })).body)).toEqual(['deal_latte', 'deal_tea_for_two', 'deal_over'])
    // 蜀香 is only in the shop's name: all its deals, in feed order.
    expect(ids((await list({ q: '  蜀香 ' })).body)).toEqual(['deal_popular', 'deal_voucher_100', 'deal_hotpot_4', 'deal_soldout'])
  })

  it('takes regex metacharacters literally: they match themselves and nothing else, never an error', async () => {
    for (const q of ['a.*b', '(限量)', '[新]', '50%+', '.*', '^', '$', '\\', '(', '[', '|', '?', '{2}', '☕']) {
      const { status, body } = await list({ q })
      expect({ q, status }).toEqual({ q, status: 200 })
      expect({ q, ids: ids(body) }).toEqual({ q, ids: ['deal_regex'] })
    }
    // A pattern that would match everything as a regex matches nothing literally.
    expect(ids((await list({ q: '.+' })).body)).toEqual([])
    expect(ids((await list({ q: '(?:)' })).body)).toEqual([])
  })

  it('answers symbols, emoji, operators and 200 characters calmly with what matches (often nothing)', async () => {
    for (const q of ['😀😀', '!@#$%^&*()', '{"$ne": null}', '拿'.repeat(200), '<script>alert(1)</script>', '\u0000\u0007', '   ']) {
      const { status, body } = await list({ q })
      expect({ q: q.slice(0, 20), status, ok: body.ok }).toEqual({ q: q.slice(0, 20), status: 200, ok: true })
    }
    expect(ids((await list({ q: '😀😀' })).body)).toEqual([])
    // Blank after cleaning means no search: the whole feed.
    expect(ids((await list({ q: ' \u0007 ', limit: 50 })).body)).toHaveLength(14)
  })

  it('refuses more than 200 characters and non-strings with INVALID_INPUT, changing nothing', async () => {
    for (const q of ['拿'.repeat(201), { $regex: '.*' }, 42]) {
      const { status, body } = await list({ q })
      expect(status).toBe(400)
      expect(body.code).toBe('INVALID_INPUT')
    }
  })
})

describe('附近', () => {
  const HERE = { lat: 22.5186, lng: 113.9497 } // at 拾光咖啡

  it('lists deals of shops within 30 km, nearest first with their distance; sold out and ended last; no place, no 附近', async () => {
    const { body } = await list({ near: HERE, limit: 50 })
    const items = body.data.items as { id: string; shopId: string; distanceM: number; saleState: string }[]
    expect(items.map((d) => d.id)).toEqual([
      // 拾光咖啡, 0 m: buyable in feed order, then upcoming
      'deal_ending', 'deal_latte', 'deal_tea_for_two', 'deal_regex', 'deal_cakes', 'deal_soon',
      // 蜀香, about 2.8 km
      'deal_popular', 'deal_voucher_100', 'deal_hotpot_4',
      // 宝安, about 12.7 km
      'deal_mid',
      // cannot be bought: last, nearest first too
      'deal_over', 'deal_soldout',
    ])
    expect(items[0].distanceM).toBe(0)
    const shuxiang = items.find((d) => d.id === 'deal_popular')!.distanceM
    expect(shuxiang).toBeGreaterThan(2600)
    expect(shuxiang).toBeLessThan(2900)
    const mid = items.find((d) => d.id === 'deal_mid')!.distanceM
    expect(mid).toBeGreaterThan(12_000)
    expect(mid).toBeLessThan(13_500)
  })

  it('pages through the nearby order, and combines with category and search', async () => {
    const first = await list({ near: HERE, limit: 5 })
    const second = await list({ near: HERE, limit: 5, cursor: first.body.data.nextCursor })
    const all = ids((await list({ near: HERE, limit: 50 })).body)
    expect([...ids(first.body), ...ids(second.body)]).toEqual(all.slice(0, 10))
    expect(ids((await list({ near: HERE, category: 'family' })).body)).toEqual(['deal_popular', 'deal_mid'])
    expect(ids((await list({ near: HERE, q: '乐园' })).body)).toEqual(['deal_popular', 'deal_mid'])
  })

  it('follows a shop that moves: its new place (geo, written with location) is what 附近 measures', async () => {
    const BEIJING = { lat: 39.9087, lng: 116.3975 }
    const moved = await t.call('shops', { action: 'update', input: { shopId: 'shop_shiguang', location: BEIJING } }, openidOf('owner'))
    expect(moved.body.ok).toBe(true)
    const here = ids((await list({ near: HERE, limit: 50 })).body)
    expect(here.some((id) => ['deal_latte', 'deal_tea_for_two'].includes(id))).toBe(false)
    const there = (await list({ near: { lat: 39.91, lng: 116.4 }, limit: 50 })).body.data.items as { id: string; distanceM: number }[]
    expect(there.map((d) => d.id)).toEqual(['deal_ending', 'deal_latte', 'deal_tea_for_two', 'deal_regex', 'deal_cakes', 'deal_soon', 'deal_over'])
    expect(there[0].distanceM).toBeLessThan(400)
    await t.call('shops', { action: 'update', input: { shopId: 'shop_shiguang', location: HERE } }, openidOf('owner'))
    expect(ids((await list({ near: HERE, limit: 1 })).body)).toEqual(['deal_ending'])
  })

  it('answers an empty list far from every shop, and refuses a point off the globe', async () => {
    const { body } = await list({ near: { lat: 39.9, lng: 116.4 } })
    expect(body.data).toEqual({ items: [], nextCursor: null })
    const bad = await list({ near: { lat: 91, lng: 0 } })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('INVALID_INPUT')
  })
})
