import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const promoter = openidOf('promoter')
const buyer = openidOf('consumer')
const p = (action: string, input: unknown, who: string | null) => t.call('promoters', { action, input }, who)

async function buyThroughShare(who: string, dealId: string, qty: number, shareCode?: string) {
  const placed = await t.call('orders', { action: 'place', input: { dealId, qty, idempotencyKey: key(), ...(shareCode ? { shareCode } : {}) } }, who)
  await pay(t, who, placed.body.data.id)
  return (await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, who)).body.data
}

describe('promoters', () => {
  it('share codes are short, stable per deal and channel, and only for promoters', async () => {
    const a = await p('share', { dealId: 'deal_tea_for_two' }, promoter)
    const b = await p('share', { dealId: 'deal_tea_for_two' }, promoter)
    expect(a.body.data.shareCode).toBe(b.body.data.shareCode)
    expect(a.body.data.shareCode.length).toBeLessThanOrEqual(32)
    expect(a.body.data.path).toBe(`/pages/deal/index?id=deal_tea_for_two&s=${a.body.data.shareCode}`)
    expect((await p('share', { dealId: 'deal_tea_for_two', channel: 'poster' }, promoter)).body.data.shareCode).not.toBe(a.body.data.shareCode)
    expect((await p('share', { dealId: 'deal_tea_for_two' }, buyer)).body.code).toBe('NOT_PROMOTER')
  })

  it('a share visit binds the buyer (last touch); pay -> pending lines; redeem -> settled; refund -> reversed; the centre shows it live', async () => {
    const { body: s } = await p('share', { dealId: 'deal_tea_for_two' }, promoter)
    expect((await p('visit', { shareCode: s.data.shareCode, groupCloudID: groupCloudID(t, 'g_family') }, buyer)).body.data.bound).toBe(true)
    await p('visit', { shareCode: s.data.shareCode }, null)
    const order = await buyThroughShare(buyer, 'deal_tea_for_two', 2)
    const doc = (await getDb().collection('orders').doc(order.id).get()).data[0]
    expect(doc.promoter).toMatchObject({ promoter, shareCode: s.data.shareCode, rule: 'last_touch', groupId: 'g_family', windowDays: 7, counts: true })
    expect(doc.promoter.visitAt).toBeGreaterThan(0)

    let c = (await p('center', {}, promoter)).body.data
    expect(c.balance).toMatchObject({ pendingFen: 1088, availableFen: 0 })
    const funnel = c.shares.find((x: { shareCode: string }) => x.shareCode === s.data.shareCode)
    expect(funnel).toMatchObject({ visits: 2, visitors: 1, orders: 1, units: 2, commissionFen: 1088 })

    await t.call('redemption', { action: 'confirm', input: { codes: [order.codes[0].code], idempotencyKey: key() } }, openidOf('staff'))
    await t.call('orders', { action: 'refund', input: { orderId: order.id, codes: [order.codes[1].code] } }, buyer)
    c = (await p('center', {}, promoter)).body.data
    expect(c.balance).toMatchObject({ pendingFen: 0, availableFen: 544 })
    const statuses = c.recentLines.filter((l: { orderId: string }) => l.orderId === order.id).map((l: { status: string }) => l.status).sort()
    expect(statuses).toEqual(['reversed', 'settled'])
    const settled = c.recentLines.find((l: { status: string; orderId: string }) => l.status === 'settled' && l.orderId === order.id)
    expect(settled.history.map((h: { status: string }) => h.status)).toEqual(['pending', 'settled'])
  })

  it('a share code on the order wins; a buyer\'s own share earns nothing', async () => {
    const { body: s } = await p('share', { dealId: 'deal_latte' }, promoter)
    const viaCode = await buyThroughShare(openidOf('consumer2'), 'deal_latte', 1, s.data.shareCode)
    expect((await getDb().collection('orders').doc(viaCode.id).get()).data[0].promoter.rule).toBe('share_code')
    await p('join', { name: '小林' }, buyer)
    const own = await p('share', { dealId: 'deal_latte' }, buyer)
    const self = await buyThroughShare(buyer, 'deal_latte', 1, own.body.data.shareCode)
    expect((await getDb().collection('orders').doc(self.id).get()).data[0].promoter).toBeNull()
  })

  it('replays of payment, redemption and refund change nothing in the ledger', async () => {
    const { body: s } = await p('share', { dealId: 'deal_hotpot_4' }, promoter)
    const order = await buyThroughShare(openidOf('consumer2'), 'deal_hotpot_4', 2, s.data.shareCode)
    const lines = async () => (await getDb().collection('commission_lines').where({ orderId: order.id }).orderBy('_id', 'asc').get()).data
    const before = await lines()
    expect(before).toHaveLength(2)
    expect(before.reduce((a: number, l: { amountFen: number }) => a + l.amountFen, 0)).toBe(Math.floor((29800 * 2 * 1000) / 10000))
    await Promise.all([1, 2, 3].map(() => t.call('orders', { action: 'refund', input: { orderId: order.id, codes: [order.codes[0].code] } }, openidOf('consumer2'))))
    const after = await lines()
    expect(after.filter((l: { status: string }) => l.status === 'reversed')).toHaveLength(1)
    expect(after.find((l: { status: string }) => l.status === 'reversed').reversedFen).toBe(2980)
  })

  it('withdraws only what is available, at least ¥1, idempotently; a later refund may make the balance negative', async () => {
    const c0 = (await p('center', {}, promoter)).body.data.balance.availableFen
    expect(c0).toBeGreaterThan(100)
    expect((await p('withdraw', { amountFen: 99, idempotencyKey: key() }, promoter)).body.code).toBe('WITHDRAW_BELOW_MINIMUM')
    expect((await p('withdraw', { amountFen: c0 + 1, idempotencyKey: key() }, promoter)).body.code).toBe('INSUFFICIENT_BALANCE')
    const k = key()
    const racing = await Promise.all([p('withdraw', { amountFen: c0, idempotencyKey: k }, promoter), p('withdraw', { amountFen: c0, idempotencyKey: key() }, promoter)])
    expect(racing.filter((r) => r.body.ok)).toHaveLength(1)
    const again = await p('withdraw', { amountFen: c0, idempotencyKey: k }, promoter)
    if (racing[0].body.ok) expect(again.body.data.id).toBe(racing[0].body.data.id)
    expect((await p('center', {}, promoter)).body.data.balance).toMatchObject({ availableFen: 0, withdrawnFen: c0 })
  })
})

describe('crash recovery of the promoter counters', () => {
  it('an order whose lines were written but whose totals were never counted is counted by the retryRefunds sweep, once', async () => {
    const { platformFunctions } = await import('../../local/gateway/functions')
    const { fireTimer } = await import('../../local/timers/scheduler')
    const { body: s } = await p('share', { dealId: 'deal_tea_for_two', channel: 'link' }, promoter)
    const order = await buyThroughShare('o_crash_buyer', 'deal_tea_for_two', 1, s.data.shareCode)
    const db = getDb()
    const _ = db.command
    const line = (await db.collection('commission_lines').where({ orderId: order.id }).get()).data[0]
    // What a notify that died after writing the lines leaves behind: lines, an uncounted ledger, counters without it.
    await db.collection('commission_orders').doc(order.id).update({ counted: false })
    await db.collection('promoters').doc(promoter).update({ pendingFen: _.inc(-line.amountFen) })
    await db.collection('shares').doc(s.data.shareCode).update({ orders: _.inc(-1), units: _.inc(-1), commissionFen: _.inc(-line.amountFen) })
    const before = (await p('center', {}, promoter)).body.data.balance.pendingFen
    await Promise.all([fireTimer(platformFunctions.timers, 'retryRefunds'), fireTimer(platformFunctions.timers, 'retryRefunds')])
    const after = (await p('center', {}, promoter)).body.data
    expect(after.balance.pendingFen).toBe(before + line.amountFen)
    expect(after.shares.find((x: { shareCode: string }) => x.shareCode === s.data.shareCode)).toMatchObject({ orders: 1, units: 1, commissionFen: line.amountFen })
  })
})
