import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

/**
 * orders.groupCard through the gateway: the card a 拼团中 buyer shares (activity id, x/y of the deal's group), the
 * WeChat group of the caller's own order first (本群), and bad input answered calmly: someone else's order, another
 * deal's, a forged id, a deal without a forming group, no caller. Asking twice counts nothing twice.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const HOTPOT = 'deal_hotpot_4' // demo: 满 20 份成团, forming
const card = (who: string | null, input: Record<string, unknown>) => t.call('orders', { action: 'groupCard', input }, who)
const groupOf = async (id: string) => (await t.call('deals', { action: 'get', input: { id } })).body.data.group

/** An order placed from a WeChat group: the group the platform resolved is stored on it (set here directly, so the test does not depend on how the local platform hands out cloudIDs). */
async function buyFromGroup(who: string, qty: number, group: string) {
  const placed = await t.call('orders', { action: 'place', input: { dealId: HOTPOT, qty, idempotencyKey: key() } }, who)
  expect(placed.body.ok).toBe(true)
  await getDb().collection('orders').doc(placed.body.data.id).update({ groupId: group })
  await pay(t, who, placed.body.data.id)
  return placed.body.data.id as string
}

it('a 拼团中 buyer gets the card with the group as the deal counts it, and their own group first', async () => {
  const orderA = await buyFromGroup('o_card_a', 2, 'g_card_family')
  await buyFromGroup('o_card_b', 1, 'g_card_family')
  await buyFromGroup('o_card_c', 1, 'g_card_office')
  const group = await groupOf(HOTPOT)
  expect(group.status).toBe('forming')

  const res = await card('o_card_a', { dealId: HOTPOT, orderId: orderA })
  expect(res.status).toBe(200)
  expect(res.body.data).toEqual({ activityId: expect.any(String), memberCount: group.count, roomLimit: 20, chat: { buyers: 2, units: 3 } })
  expect(res.body.data.activityId).not.toBe('')

  // The same card again: same activity id, the group unchanged (asking counts nothing).
  const again = await card('o_card_a', { dealId: HOTPOT, orderId: orderA })
  expect(again.body.data.activityId).toBe(res.body.data.activityId)
  expect(await groupOf(HOTPOT)).toEqual(group)
})

it('forged, foreign or other-deal order ids are no error, just no 本群', async () => {
  const orderA = (await t.call('orders', { action: 'listMine', input: {} }, 'o_card_a')).body.data.items[0].id
  const asOther = await card('o_card_c', { dealId: HOTPOT, orderId: orderA })
  expect(asOther.status).toBe(200)
  expect(asOther.body.data.chat).toBeNull()
  expect((await card('o_card_a', { dealId: HOTPOT, orderId: 'o_forged_123' })).body.data.chat).toBeNull()
  // The order is the caller's but of another deal: its group says nothing about this one.
  const latte = await t.call('orders', { action: 'place', input: { dealId: 'deal_latte', qty: 1, idempotencyKey: key() } }, 'o_card_a')
  await getDb().collection('orders').doc(latte.body.data.id).update({ groupId: 'g_card_family' })
  expect((await card('o_card_a', { dealId: HOTPOT, orderId: latte.body.data.id })).body.data.chat).toBeNull()
})

it('no forming group: null; unknown deal: null; malformed input: INVALID_INPUT; no caller: UNAUTHENTICATED', async () => {
  expect((await card('o_card_a', { dealId: 'deal_latte' })).body).toEqual({ ok: true, data: null })
  expect((await card('o_card_a', { dealId: 'deal_nope' })).body).toEqual({ ok: true, data: null })
  expect((await card('o_card_a', { dealId: 'x y' })).body.code).toBe('INVALID_INPUT')
  expect((await card('o_card_a', { dealId: HOTPOT, orderId: '<script>' })).body.code).toBe('INVALID_INPUT')
  const anon = await card(null, { dealId: HOTPOT })
  expect(anon.status).toBe(401)
  expect(anon.body.code).toBe('UNAUTHENTICATED')
})
