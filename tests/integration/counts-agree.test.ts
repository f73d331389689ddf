import fc from 'fast-check'
import { ownerDealStatusOf } from '../../core/deals/counts'
import { OWNER_B, STAFF_B, openidOf } from '../../local/seed/personas'
import { setDealCounts } from '../../cloudfunctions/deals/public'
import { liveUnitsByBuyer } from '../../cloudfunctions/orders/public'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

/**
 * One truth for every count: random purchases (several buyers, 1-3 units, some never paid, some from a WeChat
 * group), partial and full refunds, redemptions, group deadlines that succeed or fail, unpaid orders closing; after
 * every step, every view a person sees agrees with every other and with the codes of the orders themselves
 * (paid units not refunded; a forming group's units are sold; redeemed units stay sold).
 * Time is the stack's (POST /local/clock), never the machine's.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await post('/local/clock', { reset: true })
  await t.stop()
})

const RUNS = Number(process.env.COUNTS_RUNS ?? 8)
const HOUR = 3_600_000
const BUYERS = ['o_cnt_a', 'o_cnt_b', 'o_cnt_c', 'o_cnt_d']
const CHAT = 'g_cnt_chat'
const SHOPS = {
  shop_shiguang: { owner: openidOf('owner'), staff: openidOf('staff') },
  shop_shuxiang: { owner: OWNER_B, staff: STAFF_B },
} as const
type ShopId = keyof typeof SHOPS

async function post(route: string, body: unknown) {
  const res = await fetch(`${t.stack.apiUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await res.json()) as any
}
const serverNow = async (): Promise<number> => ((await (await fetch(`${t.stack.apiUrl}/local/clock`)).json()) as any).data.nowMs

async function ok(fn: string, action: string, input: unknown, who: string | null = null) {
  const r = await t.call(fn, { action, input }, who)
  if (!r.body.ok) throw new Error(`${fn}.${action} ${JSON.stringify(input)}: ${r.body.code} ${r.body.message}`)
  return r.body.data
}

interface Order {
  id: string
  buyer: string
  dealId: string
  shopId: ShopId
  chat: boolean
}

interface World {
  /** initial: the stock the deal started with, so 剩余 = initial − sold − units held by unpaid orders. */
  deals: { id: string; shopId: ShopId; initial: number }[]
  orders: Order[]
  stats: Record<string, number>
}

async function createDeal(shopId: ShopId, groupMin: number, groupBy: 'units' | 'buyers', now: number): Promise<string> {
  const id = (
    await ok('deals', 'create', {
      shopId, title: groupMin ? `成团测试·${groupMin}${groupBy === 'buyers' ? '人' : '份'}` : '计数测试', images: ['/files/demo/coffee-1.svg'],
      priceFen: 3000, originalPriceFen: 5000, stock: 30, perUserLimit: 6, saleStart: now - HOUR, saleEnd: now + 20 * 24 * HOUR,
      validStart: now - HOUR, validEnd: now + 40 * 24 * HOUR, rules: [], description: '', commissionBps: 500,
      groupMin, groupBy, ...(groupMin ? { groupDeadline: now + 2 * HOUR } : {}),
    }, SHOPS[shopId].owner)
  ).id as string
  await ok('deals', 'setStatus', { id, to: 'published' }, SHOPS[shopId].owner)
  return id
}

type Step =
  | { kind: 'buy'; buyer: number; deal: number; qty: number; chat: boolean; pay: boolean }
  | { kind: 'refund'; pick: number; all: boolean }
  | { kind: 'redeem'; pick: number }
  | { kind: 'deadline' }
  | { kind: 'closeUnpaid' }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('buy' as const), buyer: fc.nat(BUYERS.length - 1), deal: fc.nat(2), qty: fc.integer({ min: 1, max: 3 }), chat: fc.boolean(), pay: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('buy' as const), buyer: fc.nat(BUYERS.length - 1), deal: fc.nat(2), qty: fc.integer({ min: 1, max: 3 }), chat: fc.boolean(), pay: fc.constant(true) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(1000), all: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeem' as const), pick: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'deadline' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'closeUnpaid' as const }) },
)

const getOrder = (o: Order) => ok('orders', 'get', { id: o.id }, o.buyer)

async function run(w: World, s: Step): Promise<void> {
  const bump = (k: string) => (w.stats[k] = (w.stats[k] ?? 0) + 1)
  if (s.kind === 'buy') {
    const deal = w.deals[s.deal]
    const buyer = BUYERS[s.buyer]
    const placed = await t.call('orders', { action: 'place', input: { dealId: deal.id, qty: s.qty, idempotencyKey: key(), ...(s.chat ? { groupCloudID: groupCloudID(t, CHAT) } : {}) } }, buyer)
    if (!placed.body.ok) return void bump(`buy refused ${placed.body.code}`)
    w.orders.push({ id: placed.body.data.id, buyer, dealId: deal.id, shopId: deal.shopId, chat: s.chat })
    if (!s.pay) return void bump('placed unpaid')
    await pay(t, buyer, placed.body.data.id)
    return void bump('bought')
  }
  if (s.kind === 'refund' || s.kind === 'redeem') {
    const views = await Promise.all(w.orders.map(async (o) => ({ o, v: await getOrder(o) })))
    const want = s.kind === 'refund' ? ['paid', 'grouping'] : ['paid']
    const open = views.filter(({ v }) => want.includes(v.state) && v.codes.some((c: { state: string }) => c.state === 'unused'))
    if (!open.length) return void bump(`${s.kind} none open`)
    const { o, v } = open[s.pick % open.length]
    const unused = v.codes.filter((c: { state: string }) => c.state === 'unused').map((c: { code: string }) => c.code) as string[]
    if (s.kind === 'refund') {
      const codes = s.all ? unused : unused.slice(0, 1)
      await ok('orders', 'refund', { orderId: o.id, codes }, o.buyer)
      return void bump(codes.length === v.codes.length ? 'refund full' : 'refund partial')
    }
    const r = await ok('redemption', 'confirm', { codes: [unused[0]], idempotencyKey: key() }, SHOPS[o.shopId].staff)
    if (!r.results[0].ok) throw new Error(`redeem refused: ${JSON.stringify(r.results[0])}`)
    return void bump('redeemed')
  }
  if (s.kind === 'deadline') {
    await post('/local/clock', { advanceMs: 3 * HOUR })
    const fired = await post('/local/timers/groupDeadline', {})
    const r = fired.data.result
    if (r.succeeded) bump('group succeeded at deadline')
    if (r.failed) bump('group failed')
    return
  }
  await post('/local/clock', { advanceMs: 16 * 60_000 })
  const fired = await post('/local/timers/closeUnpaid', {})
  if (fired.data.result.closed) bump('unpaid closed')
}

/** Every view, read after the step, against the codes of every order (the facts) and against each other. */
async function checkAgreement(w: World): Promise<void> {
  const facts = await Promise.all(w.orders.map(async (o) => ({ o, v: await getOrder(o) })))
  const live = (v: any) => (['grouping', 'paid', 'completed'].includes(v.state) ? v.codes.filter((c: { state: string }) => c.state !== 'refunded').length : 0)

  for (const d of w.deals) {
    const mine = facts.filter((f) => f.o.dealId === d.id)
    const sold = mine.reduce((a, f) => a + live(f.v), 0)
    const buyers = new Set(mine.filter((f) => live(f.v) > 0).map((f) => f.o.buyer)).size
    const chat = mine.filter((f) => f.o.chat)
    const chatUnits = chat.reduce((a, f) => a + live(f.v), 0)
    const chatBuyers = new Set(chat.filter((f) => live(f.v) > 0).map((f) => f.o.buyer)).size
    const unpaid = mine.filter((f) => f.v.state === 'pending_payment').reduce((a, f) => a + f.v.qty, 0)

    const [detail, list, jielong, admin] = await Promise.all([
      ok('deals', 'get', { id: d.id }),
      ok('deals', 'list', { shopId: d.shopId, limit: 50 }),
      ok('deals', 'buyers', { dealId: d.id, groupCloudID: groupCloudID(t, CHAT), limit: 50 }),
      ok('deals', 'listForShop', { shopId: d.shopId }, SHOPS[d.shopId].owner),
    ])
    const card = list.items.find((c: { id: string }) => c.id === d.id)
    const row = admin.find((r: { id: string }) => r.id === d.id)
    const where = `${d.id} ${JSON.stringify(w.stats)}`
    // 已售 and 剩余: the facts, everywhere the same.
    expect({ where, sold: detail.sold }).toEqual({ where, sold })
    for (const v of [card, row].filter(Boolean)) expect({ where, sold: v.sold, left: v.stockLeft, group: v.group }).toEqual({ where, sold, left: detail.stockLeft, group: detail.group })
    expect({ where, left: detail.stockLeft }).toEqual({ where, left: Math.max(0, d.initial - sold - unpaid) })
    // 已拼 x/y counts the same units (or people) as 已售 and 接龙.
    if (detail.group) expect({ where, count: detail.group.count }).toEqual({ where, count: detail.group.by === 'buyers' ? buyers : sold })
    // 接龙 and 本群 N 人.
    expect({ where, people: jielong.totalBuyers, units: jielong.totalUnits }).toEqual({ where, people: buyers, units: sold })
    expect({ where, items: jielong.items.reduce((a: number, i: { units: number }) => a + i.units, 0) }).toEqual({ where, items: sold })
    expect({ where, people: jielong.group.buyers, units: jielong.group.units }).toEqual({ where, people: chatBuyers, units: chatUnits })
    // The owner's list: one status, the one the buyer's saleState implies.
    expect(row.saleState).toBe(detail.saleState)
    expect(ownerDealStatusOf(row.status, row.saleState)).toBe(ownerDealStatusOf('published', detail.saleState))
  }

  // 我的订单 per buyer: the same state and unused count as the order page, which is its codes.
  for (const buyer of BUYERS) {
    const mine = await ok('orders', 'listMine', { limit: 50 }, buyer)
    for (const f of facts.filter((x) => x.o.buyer === buyer)) {
      const s = mine.items.find((i: { id: string }) => i.id === f.o.id)
      const unused = f.v.codes.filter((c: { state: string }) => c.state === 'unused').length
      expect({ id: f.o.id, state: s.state, unused: s.unusedCount }).toEqual({ id: f.o.id, state: f.v.state, unused })
      expect(f.v.unusedCount).toBe(unused)
    }
  }

  // 数据: the shop's units sold in 30 days are the shops' deals' 已售 (everything here was bought in the window).
  for (const shopId of Object.keys(SHOPS) as ShopId[]) {
    const dash = await ok('shops', 'dashboard', { shopId }, SHOPS[shopId].owner)
    const sold = facts.filter((f) => f.o.shopId === shopId).reduce((a, f) => a + live(f.v), 0)
    expect({ shopId, units: dash.last30.units }).toEqual({ shopId, units: sold })
  }
}

const totals = { sequences: 0, steps: 0, stats: {} as Record<string, number> }

it(
  'every count agrees after every random purchase, refund, redemption and group decision',
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ groupMin: fc.integer({ min: 2, max: 6 }), groupBy: fc.constantFrom('units' as const, 'buyers' as const) }),
        fc.array(stepArb, { minLength: 4, maxLength: 12 }),
        async (g, steps) => {
          const now = await serverNow()
          // Fresh deals per sequence (a decided group stays decided), plus the demo hotpot deal, which has its own group rule.
          const groupDeal = await createDeal('shop_shiguang', g.groupMin, g.groupBy, now)
          const plainDeal = await createDeal('shop_shiguang', 0, 'units', now)
          const w: World = {
            deals: [
              { id: groupDeal, shopId: 'shop_shiguang', initial: 30 },
              { id: plainDeal, shopId: 'shop_shiguang', initial: 30 },
              { id: 'deal_hotpot_4', shopId: 'shop_shuxiang', initial: 60 },
            ],
            orders: [],
            stats: {},
          }
          w.orders = allOrders
          await checkAgreement(w)
          for (const s of steps) {
            await run(w, s)
            await checkAgreement(w)
            totals.steps++
          }
          totals.sequences++
          const decided = (await ok('deals', 'get', { id: groupDeal })).group.status as string
          w.stats[`group ${decided}`] = 1
          for (const [k, v] of Object.entries(w.stats)) totals.stats[k] = (totals.stats[k] ?? 0) + v
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.COUNTS_SEED ?? 20261203), endOnFailure: true },
    )
    // The runs did reach what they are about.
    expect(totals.stats['bought'] ?? 0).toBeGreaterThan(0)
    process.stdout.write(`counts-agree: ${totals.sequences} sequences, ${totals.steps} steps, ${JSON.stringify(totals.stats)}\n`)
  },
  30 * 60_000,
)

it('scripts/recount-deals sets the counters of a deal sold before every payment moved them from its orders', async () => {
  const now = await serverNow()
  const dealId = await createDeal('shop_shiguang', 0, 'units', now)
  const w: World = { deals: [{ id: dealId, shopId: 'shop_shiguang', initial: 30 }], orders: allOrders, stats: {} }
  for (const s of [
    { kind: 'buy', buyer: 0, deal: 0, qty: 3, chat: true, pay: true },
    { kind: 'buy', buyer: 1, deal: 0, qty: 2, chat: false, pay: true },
    { kind: 'buy', buyer: 1, deal: 0, qty: 1, chat: false, pay: false },
  ] as Step[]) await run(w, s)
  const mine = allOrders.filter((o) => o.dealId === dealId)
  const first = await getOrder(mine[0])
  await ok('orders', 'refund', { orderId: mine[0].id, codes: [first.codes[0].code] }, mine[0].buyer)
  // As such data was written: no counters on the deal, none per buyer, no refundedUnits on the order.
  const db = getDb()
  await db.collection('deals').doc(dealId).update({ groupUnits: 0, groupBuyers: 0 })
  await db.collection('group_members').where({ dealId }).remove()
  await db.collection('orders').doc(mine[0].id).update({ refundedUnits: db.command.remove() })
  expect((await ok('deals', 'get', { id: dealId })).sold).toBe(0)

  expect(await setDealCounts(db, dealId, await liveUnitsByBuyer(db, dealId))).toEqual({ units: 4, buyers: 2 })
  await checkAgreement(w)
  // And the counters move on from there: the buyer who refunds everything leaves 接龙.
  const second = await getOrder(mine[1])
  await ok('orders', 'refund', { orderId: mine[1].id, codes: second.codes.map((c: { code: string }) => c.code) }, mine[1].buyer)
  await checkAgreement(w)
  expect((await ok('deals', 'buyers', { dealId, limit: 50 })).totalBuyers).toBe(1)
})

/** Orders of every sequence: the hotpot deal and the dashboards carry them over from one sequence to the next. */
const allOrders: Order[] = []
