import { platformFunctions } from '../../local/gateway/functions'
import { fireTimer } from '../../local/timers/scheduler'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const owner = openidOf('owner')
const staff = openidOf('staff')
const HOUR = 3600 * 1000

async function groupDeal(groupMin: number) {
  const now = Date.now()
  const created = await t.call('deals', {
    action: 'create',
    input: {
      shopId: 'shop_shiguang', title: `${groupMin}人成团·双人套餐`, images: ['/files/demo/coffee-1.svg'], priceFen: 5000, originalPriceFen: 9000,
      stock: 20, perUserLimit: 5, saleStart: now - HOUR, saleEnd: now + 48 * HOUR, validStart: now - HOUR, validEnd: now + 240 * HOUR,
      rules: [], description: '', commissionBps: 1000, groupMin, groupDeadline: now + 24 * HOUR,
    },
  }, owner)
  const id = created.body.data.id
  await t.call('deals', { action: 'setStatus', input: { id, to: 'published' } }, owner)
  return id as string
}

async function buy(who: string, dealId: string, qty: number) {
  const placed = await t.call('orders', { action: 'place', input: { dealId, qty, idempotencyKey: key() } }, who)
  expect(placed.body.ok).toBe(true)
  await pay(t, who, placed.body.data.id)
  return (await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, who)).body.data
}

const deal = async (id: string) => (await t.call('deals', { action: 'get', input: { id } })).body.data

describe('成团', () => {
  it('paid orders wait, codes are locked, and all become usable at once when the minimum is reached', async () => {
    const id = await groupDeal(3)
    const a = await buy('o_g_a', id, 1)
    expect(a.state).toBe('grouping')
    expect((await deal(id)).group).toMatchObject({ by: 'units', min: 3, count: 1, status: 'forming' })
    const locked = await t.call('redemption', { action: 'confirm', input: { codes: [a.codes[0].code], idempotencyKey: key() } }, staff)
    expect(locked.body.data.results[0]).toMatchObject({ ok: false, error: 'CODE_GROUP_PENDING' })

    const b = await buy('o_g_b', id, 2)
    expect(b.state).toBe('paid')
    expect((await t.call('orders', { action: 'get', input: { id: a.id } }, 'o_g_a')).body.data.state).toBe('paid')
    expect((await deal(id)).group).toMatchObject({ count: 3, status: 'succeeded' })
    const ok = await t.call('redemption', { action: 'confirm', input: { codes: [a.codes[0].code], idempotencyKey: key() } }, staff)
    expect(ok.body.data.results[0].ok).toBe(true)
    const inbox = (await t.call('orders', { action: 'notifications', input: {} }, 'o_g_a')).body.data.map((n: { kind: string }) => n.kind)
    expect(inbox).toContain('group_succeeded')
  })

  it('a refund while forming lowers the count; at the deadline an unmet group refunds everyone once, even with two timers; a late payment is refunded', async () => {
    const id = await groupDeal(5)
    const stock0 = (await getDb().collection('deals').doc(id).get()).data[0].stock
    const share = await t.call('promoters', { action: 'share', input: { dealId: id } }, openidOf('promoter'))
    const placedA = await t.call('orders', { action: 'place', input: { dealId: id, qty: 2, idempotencyKey: key(), shareCode: share.body.data.shareCode } }, 'o_f_a')
    await pay(t, 'o_f_a', placedA.body.data.id)
    const b = await buy('o_f_b', id, 2)
    await t.call('orders', { action: 'refund', input: { orderId: b.id, codes: [b.codes[0].code] } }, 'o_f_b')
    expect((await deal(id)).group.count).toBe(3)
    const late = await t.call('orders', { action: 'place', input: { dealId: id, qty: 1, idempotencyKey: key() } }, 'o_f_late')

    await getDb().collection('deals').doc(id).update({ groupDeadline: new Date(Date.now() - 1000) })
    await Promise.all([fireTimer(platformFunctions.timers, 'groupDeadline'), fireTimer(platformFunctions.timers, 'groupDeadline')])
    expect((await deal(id)).group.status).toBe('failed')
    const a = (await t.call('orders', { action: 'get', input: { id: placedA.body.data.id } }, 'o_f_a')).body.data
    expect(a.state).toBe('refunded')
    expect(a.codes.map((c: { refundReason: string }) => c.refundReason)).toEqual(['group_failed', 'group_failed'])
    expect((await t.call('orders', { action: 'get', input: { id: b.id } }, 'o_f_b')).body.data.state).toBe('refunded')
    expect((await getDb().collection('refunds').where({ orderId: placedA.body.data.id }).count()).total).toBe(2)
    const lines = (await getDb().collection('commission_lines').where({ orderId: placedA.body.data.id }).get()).data
    expect(lines.every((l: { status: string }) => l.status === 'reversed')).toBe(true)

    await pay(t, 'o_f_late', late.body.data.id)
    const lateOrder = (await t.call('orders', { action: 'get', input: { id: late.body.data.id } }, 'o_f_late')).body.data
    expect(lateOrder.state).toBe('refunded')
    expect(lateOrder.refundedFen).toBe(5000)
    expect((await getDb().collection('deals').doc(id).get()).data[0].stock).toBe(stock0)
    // New checkouts on a failed group are refused.
    expect((await t.call('orders', { action: 'place', input: { dealId: id, qty: 1, idempotencyKey: key() } }, 'o_f_c')).body.code).toBe('GROUP_FAILED')
  })
})

describe('成团 by buyers', () => {
  it('counts each buyer once, however many units; a buyer who refunds everything stops counting', async () => {
    const now = Date.now()
    const created = await t.call('deals', {
      action: 'create',
      input: {
        shopId: 'shop_shiguang', title: '3人成团·按人数', images: ['/files/demo/coffee-1.svg'], priceFen: 3000, originalPriceFen: 5000,
        stock: 20, perUserLimit: 5, saleStart: now - HOUR, saleEnd: now + 48 * HOUR, validStart: now - HOUR, validEnd: now + 240 * HOUR,
        rules: [], description: '', commissionBps: 0, groupMin: 3, groupBy: 'buyers', groupDeadline: now + 24 * HOUR,
      },
    }, owner)
    const id = created.body.data.id as string
    await t.call('deals', { action: 'setStatus', input: { id, to: 'published' } }, owner)
    const a = await buy('o_gb_a', id, 3)
    await buy('o_gb_a', id, 1)
    expect((await deal(id)).group).toMatchObject({ by: 'buyers', min: 3, count: 1, status: 'forming' })
    const b = await buy('o_gb_b', id, 1)
    expect((await deal(id)).group.count).toBe(2)
    await t.call('orders', { action: 'refund', input: { orderId: b.id, codes: [b.codes[0].code] } }, 'o_gb_b')
    expect((await deal(id)).group.count).toBe(1)
    // Partly refunding a buyer with units left keeps them counted.
    await t.call('orders', { action: 'refund', input: { orderId: a.id, codes: [a.codes[0].code] } }, 'o_gb_a')
    expect((await deal(id)).group.count).toBe(1)
    await buy('o_gb_c', id, 1)
    await buy('o_gb_d', id, 1)
    expect((await deal(id)).group).toMatchObject({ count: 3, status: 'succeeded' })
    expect((await t.call('orders', { action: 'get', input: { id: a.id } }, 'o_gb_a')).body.data.state).toBe('paid')
  })
})
