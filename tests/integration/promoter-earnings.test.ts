import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

/** 分享赚: what one unit sold through a promoter's share earns, as promoters.earnings (cards) and promoters.share (deal page) say it. */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const owner = openidOf('owner')
const HOUR = 3600 * 1000
const p = (action: string, input: unknown, who: string | null) => t.call('promoters', { action, input }, who)
const setPolicy = (policy: Record<string, unknown>) => t.call('shops', { action: 'update', input: { shopId: 'shop_shiguang', promoterPolicy: policy } }, owner)
afterEach(async () => {
  await setPolicy({ approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 })
})

let n = 0
async function newDeal(priceFen: number, commissionBps: number) {
  const now = Date.now()
  const created = await t.call('deals', {
    action: 'create',
    input: {
      shopId: 'shop_shiguang', title: `分享赚测试 ${++n}`, images: ['/files/demo/coffee-1.svg'], priceFen, originalPriceFen: priceFen + 1000, stock: 50, perUserLimit: 10,
      saleStart: now - HOUR, saleEnd: now + 48 * HOUR, validStart: now - HOUR, validEnd: now + 240 * HOUR, rules: [], description: '', commissionBps,
    },
  }, owner)
  expect(created.body.ok).toBe(true)
  return created.body.data.id as string
}
const publish = (id: string) => t.call('deals', { action: 'setStatus', input: { id, to: 'published' } }, owner)
async function newPromoter() {
  const who = `o_earn_${++n}`
  expect((await p('join', { name: `赚${n}` }, who)).body.ok).toBe(true)
  return who
}
/** What one unit bought through `who`'s share actually earned (the commission line the order wrote). */
async function earnedByOneUnit(who: string, dealId: string) {
  const share = (await p('share', { dealId }, who)).body.data
  const buyer = `o_earn_buyer_${++n}`
  const placed = await t.call('orders', { action: 'place', input: { dealId, qty: 1, idempotencyKey: key(), shareCode: share.shareCode } }, buyer)
  await pay(t, buyer, placed.body.data.id)
  const lines = (await getDb().collection('commission_lines').where({ orderId: placed.body.data.id }).get()).data as { amountFen: number }[]
  return lines.reduce((s, l) => s + l.amountFen, 0)
}

describe('分享赚: what a share-sold unit earns the promoter', () => {
  it('cards and the deal page say what one unit sold through the share then earns; drafts and unknown deals are left out', async () => {
    const odd = await newDeal(9990, 1234)
    const none = await newDeal(5000, 0)
    const draft = await newDeal(8000, 1000)
    await publish(odd)
    await publish(none)
    const who = await newPromoter()
    const r = await p('earnings', { dealIds: [odd, 'deal_nope', draft, none, odd] }, who)
    expect(r.body.ok).toBe(true)
    const items = r.body.data.items as { dealId: string; perUnitFen: number; rateFen: number; approval: string; selfPurchase: boolean }[]
    expect(items.map((i) => i.dealId)).toEqual([odd, none])
    expect(items[1]).toEqual({ dealId: none, perUnitFen: 0, rateFen: 0, approval: 'not_required', selfPurchase: false })
    const share = (await p('share', { dealId: odd }, who)).body.data
    expect(share.earning).toEqual(items[0])
    // The promise holds: a unit bought through the share earns exactly that.
    expect(await earnedByOneUnit(who, odd)).toBe(items[0].perUnitFen)
    expect(items[0].perUnitFen).toBeGreaterThan(0)
    expect(items[0]).toMatchObject({ rateFen: items[0].perUnitFen, approval: 'not_required', selfPurchase: false })
  })

  it('0 while the shop reviews its promoters and has not approved, with the rate it will pay; the approval makes it count; self-purchase follows the policy', async () => {
    const deal = await newDeal(12800, 800)
    await publish(deal)
    await setPolicy({ approvalRequired: true, selfPurchase: true })
    const who = await newPromoter()
    const [pending] = (await p('earnings', { dealIds: [deal] }, who)).body.data.items
    expect(pending).toMatchObject({ perUnitFen: 0, approval: 'pending', selfPurchase: true })
    expect(pending.rateFen).toBeGreaterThan(0)
    // Asking introduces the promoter to no shop (only sharing does).
    const known = async () => (await t.call('shops', { action: 'promoters', input: { shopId: 'shop_shiguang' } }, owner)).body.data.map((x: { promoterId: string }) => x.promoterId)
    expect(await known()).not.toContain(who)
    expect((await p('share', { dealId: deal }, who)).body.data.earning).toEqual(pending)
    expect(await known()).toContain(who)
    expect(await earnedByOneUnit(who, deal)).toBe(0)

    expect((await t.call('shops', { action: 'reviewPromoter', input: { shopId: 'shop_shiguang', promoterId: who, decision: 'approved' } }, owner)).body.ok).toBe(true)
    const [approved] = (await p('earnings', { dealIds: [deal] }, who)).body.data.items
    expect(approved).toEqual({ ...pending, perUnitFen: pending.rateFen, approval: 'approved' })
    expect(await earnedByOneUnit(who, deal)).toBe(approved.perUnitFen)

    expect((await t.call('shops', { action: 'reviewPromoter', input: { shopId: 'shop_shiguang', promoterId: who, decision: 'rejected' } }, owner)).body.ok).toBe(true)
    expect((await p('earnings', { dealIds: [deal] }, who)).body.data.items[0]).toMatchObject({ perUnitFen: 0, approval: 'rejected' })
  })

  it('only promoters ask; bad input is refused', async () => {
    expect((await p('earnings', { dealIds: ['deal_tea_for_two'] }, null)).body.code).toBe('UNAUTHENTICATED')
    expect((await p('earnings', { dealIds: ['deal_tea_for_two'] }, openidOf('consumer2'))).body.code).toBe('NOT_PROMOTER')
    const who = await newPromoter()
    expect((await p('earnings', { dealIds: [] }, who)).body.code).toBe('INVALID_INPUT')
    expect((await p('earnings', { dealIds: Array.from({ length: 51 }, (_, i) => `d${i}`) }, who)).body.code).toBe('INVALID_INPUT')
    expect((await p('earnings', { dealIds: ['a b'] }, who)).body.code).toBe('INVALID_INPUT')
  })
})
