import { getDb } from '../../server/platform/cloudbase'
import { openidOf } from '../../local/seed/personas'
import { key, place } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const buyer = openidOf('consumer')
const deal = async (id: string) => (await getDb().collection('deals').doc(id).get()).data[0]

describe('orders.place', () => {
  it('reserves stock and prices the order in fen', async () => {
    const before = await deal('deal_latte')
    const { status, body } = await place(t, buyer, 'deal_latte', 3)
    expect(status).toBe(200)
    expect(body.data).toMatchObject({ state: 'pending_payment', qty: 3, unitPriceFen: 1990, amountFen: 5970, codes: [] })
    expect(body.data.payBefore - body.data.createdAt).toBe(15 * 60 * 1000)
    expect(body.data.timeline.map((e: { action: string }) => e.action)).toEqual(['order.placed'])
    const after = await deal('deal_latte')
    expect(after.stock).toBe(before.stock - 3)
    expect(after.sold).toBe(before.sold + 3)
  })

  it('returns the first order for a retried idempotency key, and takes stock once', async () => {
    const k = key()
    const before = await deal('deal_tea_for_two')
    const results = await Promise.all(Array.from({ length: 8 }, () => place(t, buyer, 'deal_tea_for_two', 1, k)))
    const ids = new Set(results.map((r) => r.body.data.id))
    expect(results.every((r) => r.body.ok)).toBe(true)
    expect(ids.size).toBe(1)
    expect((await deal('deal_tea_for_two')).stock).toBe(before.stock - 1)
    const conflict = await place(t, buyer, 'deal_tea_for_two', 2, k)
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT')
  })

  it.each([
    ['unknown deal', 'deal_nope', 1, 'DEAL_NOT_FOUND'],
    ['sale not started', 'deal_cakes', 1, 'SALE_NOT_STARTED'],
    ['over the per-user limit', 'deal_hotpot_4', 3, 'OVER_LIMIT'],
    ['more than the stock', 'deal_voucher_100', 3 + 1, 'INSUFFICIENT_STOCK'],
  ])('refuses %s with %s and changes nothing', async (_n, dealId, qty, code) => {
    const before = await snapshotDb()
    const { body } = await place(t, openidOf('consumer2'), dealId, qty)
    expect(body).toMatchObject({ ok: false, code })
    expect(await snapshotDb()).toEqual(before)
  })

  it('counts earlier units toward the per-user limit', async () => {
    const who = 'o_limit_tester'
    expect((await place(t, who, 'deal_hotpot_4', 2)).body.ok).toBe(true)
    const before = await deal('deal_hotpot_4')
    expect((await place(t, who, 'deal_hotpot_4', 1)).body.code).toBe('OVER_LIMIT')
    expect((await deal('deal_hotpot_4')).stock).toBe(before.stock)
  })

  it('refuses anonymous callers', async () => {
    const { status, body } = await t.call('orders', { action: 'place', input: { dealId: 'deal_latte', qty: 1, idempotencyKey: key() } })
    expect(status).toBe(401)
    expect(body.code).toBe('UNAUTHENTICATED')
  })

  it('refuses a paused deal and a paused shop', async () => {
    await getDb().collection('deals').doc('deal_tea_for_two').update({ status: 'paused' })
    expect((await place(t, 'o_pause_1', 'deal_tea_for_two', 1)).body.code).toBe('DEAL_PAUSED')
    await getDb().collection('deals').doc('deal_tea_for_two').update({ status: 'published' })
    await getDb().collection('shops').doc('shop_shiguang').update({ status: 'paused' })
    const before = await deal('deal_tea_for_two')
    expect((await place(t, 'o_pause_1', 'deal_tea_for_two', 1)).body.code).toBe('SHOP_PAUSED')
    expect((await deal('deal_tea_for_two')).stock).toBe(before.stock)
    await getDb().collection('shops').doc('shop_shiguang').update({ status: 'active' })
  })

  it('many buyers at once on a small stock sell exactly the stock', async () => {
    await getDb().collection('deals').doc('deal_voucher_100').update({ stock: 7, sold: 0 })
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => place(t, `o_burst_${i}`, 'deal_voucher_100', 1)))
    const won = results.filter((r) => r.body.ok)
    expect(won).toHaveLength(7)
    for (const r of results.filter((x) => !x.body.ok)) expect(r.body.code).toBe('SOLD_OUT')
    const d = await deal('deal_voucher_100')
    expect(d.stock).toBe(0)
    expect(d.sold).toBe(7)
  })
})
