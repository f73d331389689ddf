import { getDb } from '../../server/platform/cloudbase'
import { key, place } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

// A hot deal: many buyers at once on one stock document, through the gateway and the real SDK. The stock is taken
// by one conditional update per checkout; the hold each checkout leaves on the deal stays until the close timer
// clears it (it is how a refused retry knows it is one), in one write per deal.
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await post('/local/clock', { reset: true })
  await t.stop()
})

const STOCK = 30
const BUYERS = 200
const DEAL = 'deal_voucher_100'
const MINUTE = 60_000

type Doc = Record<string, any>
const deal = async () => (await getDb().collection('deals').doc(DEAL).get()).data[0] as Doc
const view = async () => (await t.call('deals', { action: 'get', input: { id: DEAL } }, null)).body.data as Doc
const ordersOf = async () => (await getDb().collection('orders').where({ dealId: DEAL }).limit(1000).get()).data as Doc[]

async function post(route: string, body: unknown) {
  const res = await fetch(`${t.stack.apiUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}

describe(`${BUYERS} buyers at once on a stock of ${STOCK}`, () => {
  const keys = Array.from({ length: BUYERS }, () => key())
  const buyer = (i: number) => `o_hot_${i}`
  let first: { body: any }[]

  beforeAll(async () => {
    await getDb().collection('deals').doc(DEAL).update({ stock: STOCK, sold: 0 })
    first = await Promise.all(keys.map((k, i) => place(t, buyer(i), DEAL, 1, k)))
  })

  it('sell exactly the stock: every other buyer is told SOLD_OUT, and 剩余 is 0', async () => {
    const won = first.filter((r) => r.body.ok)
    expect(won).toHaveLength(STOCK)
    expect(first.filter((r) => !r.body.ok).map((r) => r.body.code)).toEqual(Array(BUYERS - STOCK).fill('SOLD_OUT'))
    const d = await deal()
    expect(d.stock).toBe(0)
    expect(d.sold).toBe(STOCK)
    const orders = await ordersOf()
    expect(orders).toHaveLength(STOCK)
    expect(new Set(orders.map((o) => o.buyer)).size).toBe(STOCK)
    expect((await view()).stockLeft).toBe(0)
    // Each order carries its order.placed event; none was written to audit_events for it.
    expect(orders.every((o) => o.events?.[0]?.action === 'order.placed' && o.events[0].actor === o.buyer)).toBe(true)
    expect((await getDb().collection('audit_events').where({ action: 'order.placed', orderId: won[0].body.data.id }).count()).total).toBe(0)
    const one = orders.find((o) => o._id === won[0].body.data.id) as Doc
    const got = await t.call('orders', { action: 'get', input: { id: one._id } }, one.buyer)
    expect(got.body.data.timeline.map((e: { action: string }) => e.action)).toEqual(['order.placed'])
  })

  it('a retry of every checkout at once answers the same order or the same refusal, and takes nothing', async () => {
    const again = await Promise.all(keys.map((k, i) => place(t, buyer(i), DEAL, 1, k)))
    again.forEach((r, i) => {
      if (first[i].body.ok) expect(r.body.data?.id).toBe(first[i].body.data.id)
      else expect(r.body.code).toBe('SOLD_OUT')
    })
    const d = await deal()
    expect(d.stock).toBe(0)
    expect(d.sold).toBe(STOCK)
    expect(await ordersOf()).toHaveLength(STOCK)
    // The holds are still on the deal: the evidence a retry finds.
    expect(Object.keys(d.holds ?? {})).toHaveLength(STOCK)
    expect(d.holdCount).toBe(STOCK)
  })

  it('the close timer clears the holds of written orders, giving nothing back, and gives back the unit of a checkout that died before its order', async () => {
    const early = await post('/local/timers/closeUnpaid', {})
    expect(early.body.data.result).toEqual({ closed: 0, released: 0 })
    expect((await deal()).holdCount).toBe(STOCK)

    // A checkout that took a unit (of one more in stock) and died before writing its order, long ago.
    const _ = getDb().command
    await getDb().collection('deals').doc(DEAL).update({ 'holds.o_dead': { qty: 1, buyer: 'o_hot_dead', token: 'h_dead', at: new Date(0) }, holdCount: _.inc(1), sold: _.inc(1) })
    await post('/local/clock', { advanceMs: 3 * MINUTE })
    const fired = await post('/local/timers/closeUnpaid', {})
    expect(fired.body.data.result).toEqual({ closed: 0, released: 1 })
    const d = await deal()
    expect(d.holds).toEqual({})
    expect(d.holdCount).toBe(0)
    expect(d.stock).toBe(1)
    expect(d.sold).toBe(STOCK)
    expect((await view()).stockLeft).toBe(1)
  })

  it('a retry long after, its hold gone, still answers its order (and takes nothing)', async () => {
    const won = first.map((r, i) => ({ r, i })).filter((x) => x.r.body.ok)
    const again = await Promise.all(won.map(({ i }) => place(t, buyer(i), DEAL, 1, keys[i])))
    expect(again.map((r) => r.body.data?.id)).toEqual(won.map(({ r }) => r.body.data.id))
    const d = await deal()
    expect(d.stock).toBe(1)
    expect(d.holdCount).toBe(0)
    expect(await ordersOf()).toHaveLength(STOCK)
  })

  it('a cancelled order puts its unit back for the next buyers, once; the counts stay exact', async () => {
    const { r, i } = first.map((x, j) => ({ r: x, i: j })).filter((x) => x.r.body.ok)[0]
    const cancelled = await t.call('orders', { action: 'cancel', input: { orderId: r.body.data.id } }, buyer(i))
    expect(cancelled.body.ok).toBe(true)
    expect((await deal()).stock).toBe(2)
    expect((await view()).stockLeft).toBe(2)
    // Twenty buyers who were refused try again, with new checkouts, at once: two get the units.
    const again = await Promise.all(Array.from({ length: 20 }, (_, j) => place(t, buyer(STOCK + 1 + j), DEAL, 1)))
    expect(again.filter((x) => x.body.ok)).toHaveLength(2)
    const d = await deal()
    expect(d.stock).toBe(0)
    expect(d.sold).toBe(STOCK + 1)
    expect((await view()).stockLeft).toBe(0)
    expect((await ordersOf()).filter((o) => o.status === 'pending_payment')).toHaveLength(STOCK + 1)
  })
})
