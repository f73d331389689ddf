import { platformFunctions } from '../../local/gateway/functions'
import { fireTimer } from '../../local/timers/scheduler'
import { openidOf, STAFF_B } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { groupCloudID } from './support/platform'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

async function buy(who: string, dealId: string, qty: number, extra: Record<string, string> = {}) {
  const placed = await t.call('orders', { action: 'place', input: { dealId, qty, idempotencyKey: key(), ...extra } }, who)
  expect(placed.body.ok).toBe(true)
  await pay(t, who, placed.body.data.id)
  return (await t.call('orders', { action: 'get', input: { id: placed.body.data.id } }, who)).body.data
}

describe('接龙 buyer list', () => {
  it('shows real buyers newest first, masked, per WeChat group, and drops refunded buyers', async () => {
    const a = await buy('o_list_a', 'deal_latte', 1, { nickname: '张三丰', groupCloudID: groupCloudID(t, 'g_family') })
    await buy('o_list_b', 'deal_latte', 2, { nickname: 'Lily', groupCloudID: groupCloudID(t, 'g_family') })
    await buy('o_list_c', 'deal_latte', 1, { nickname: '王五' })
    await t.call('orders', { action: 'place', input: { dealId: 'deal_latte', qty: 1, idempotencyKey: key(), nickname: '未付款' } }, 'o_list_d')
    let list = (await t.call('deals', { action: 'buyers', input: { dealId: 'deal_latte', groupCloudID: groupCloudID(t, 'g_family') } })).body.data
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['王**', 'L**', '张**'])
    expect(list).toMatchObject({ totalBuyers: 3, totalUnits: 4 })
    expect(list.group).toMatchObject({ buyers: 2, units: 3 })
    await t.call('orders', { action: 'refund', input: { orderId: a.id, codes: [a.codes[0].code] } }, 'o_list_a')
    list = (await t.call('deals', { action: 'buyers', input: { dealId: 'deal_latte' } })).body.data
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['王**', 'L**'])
    expect(list.group).toBeNull()
  })
})

describe('verified reviews', () => {
  it('only after a redemption, once per order; the shop replies once; another shop cannot', async () => {
    const o = await buy('o_reviewer', 'deal_tea_for_two', 1, { nickname: '小美' })
    const review = (input: Record<string, unknown>) => t.call('deals', { action: 'review', input: { orderId: o.id, rating: 5, text: '环境很好', ...input } }, 'o_reviewer')
    expect((await review({})).body.code).toBe('REVIEW_NOT_ALLOWED')
    await t.call('redemption', { action: 'confirm', input: { codes: [o.codes[0].code], idempotencyKey: key() } }, openidOf('staff'))
    expect((await review({ photos: ['/files/demo/coffee-2.svg'] })).body.data).toMatchObject({ rating: 5, name: '小**' })
    expect((await review({ rating: 1 })).body.code).toBe('ALREADY_REVIEWED')
    const after = (await t.call('orders', { action: 'get', input: { id: o.id } }, 'o_reviewer')).body.data
    expect(after.reviewed).toBe(true)
    expect(after.timeline.at(-1).label).toBe('已评价')
    expect((await t.call('deals', { action: 'review', input: { orderId: o.id, rating: 1, text: 'x' } }, 'o_other')).body.code).toBe('ORDER_NOT_FOUND')
    expect((await review({ rating: 6 })).body.code).toBe('INVALID_INPUT')

    expect((await t.call('deals', { action: 'replyReview', input: { reviewId: o.id, text: '谢谢' } }, STAFF_B)).body.code).toBe('REVIEW_NOT_FOUND')
    expect((await t.call('deals', { action: 'replyReview', input: { reviewId: o.id, text: '谢谢光临' } }, openidOf('owner'))).body.data.reply.text).toBe('谢谢光临')
    expect((await t.call('deals', { action: 'replyReview', input: { reviewId: o.id, text: '再次感谢' } }, openidOf('staff'))).body.code).toBe('ALREADY_REPLIED')
    const summary = (await t.call('deals', { action: 'reviews', input: { dealId: 'deal_tea_for_two' } })).body.data
    expect(summary).toMatchObject({ average: 5, count: 1 })
  })
})

describe('notifications', () => {
  it('paid, code used, refund done, commission settled and expiring soon land in the outbox once', async () => {
    const s = await t.call('promoters', { action: 'share', input: { dealId: 'deal_latte' } }, openidOf('promoter'))
    const o = await buy('o_notified', 'deal_latte', 2, { shareCode: s.body.data.shareCode })
    await t.call('redemption', { action: 'confirm', input: { codes: [o.codes[0].code], idempotencyKey: key() } }, openidOf('staff'))
    await t.call('orders', { action: 'refund', input: { orderId: o.id, codes: [o.codes[1].code] } }, 'o_notified')
    const mine = (await t.call('orders', { action: 'notifications', input: {} }, 'o_notified')).body.data
    expect(mine.map((n: { kind: string }) => n.kind).sort()).toEqual(['paid', 'redeemed', 'refunded'])
    const promoter = (await t.call('orders', { action: 'notifications', input: {} }, openidOf('promoter'))).body.data
    expect(promoter.map((n: { kind: string }) => n.kind)).toContain('settled')

    const soon = await buy('o_soon', 'deal_latte', 1)
    await getDb().collection('codes').doc(soon.codes[0].code).update({ validEnd: new Date(Date.now() + 24 * 3600 * 1000) })
    await Promise.all([fireTimer(platformFunctions.timers, 'remindExpiring'), fireTimer(platformFunctions.timers, 'remindExpiring')])
    const reminders = (await t.call('orders', { action: 'notifications', input: {} }, 'o_soon')).body.data.filter((n: { kind: string }) => n.kind === 'expiring')
    expect(reminders).toHaveLength(1)
    expect(reminders[0].body).toContain('1 张券码')
  })
})
