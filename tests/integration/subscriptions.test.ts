import { openidOf } from '../../local/seed/personas'
import { notifyUser } from '../../server/notify'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const buyer = 'o_sub_buyer'
const orders = (action: string, input: unknown, who: string | null) => t.call('orders', { action, input }, who)

async function buy(who: string) {
  const placed = await orders('place', { dealId: 'deal_tea_for_two', qty: 1, idempotencyKey: key() }, who)
  await pay(t, who, placed.body.data.id)
  return placed.body.data.id as string
}
const delivery = async (id: string) => (await getDb().collection('notifications').doc(id).get()).data[0]?.delivery

describe('subscribe messages (one-time consent)', () => {
  it('lists the templates to ask consent for (simulated ids locally), to anyone', async () => {
    const list = (await orders('messageTemplates', {}, null)).body.data
    expect(list.map((x: { kind: string }) => x.kind)).toEqual(['paid', 'group_succeeded', 'group_failed', 'expiring', 'redeemed', 'refunded', 'settled', 'withdrawal'])
    expect(list[0]).toEqual({ kind: 'paid', templateId: 'local-paid', title: '支付成功通知' })
  })

  it('without consent a message stays in the app; each "allow" sends exactly one; replays use none', async () => {
    const first = await buy(buyer)
    expect(await delivery(`paid:${first}`)).toBe('no_consent')

    expect((await orders('subscribe', { accepted: ['paid', 'refunded'] }, buyer)).body.data).toEqual([{ kind: 'paid', credits: 1 }, { kind: 'refunded', credits: 1 }])
    const second = await buy(buyer)
    expect(await delivery(`paid:${second}`)).toBe('recorded')
    const third = await buy(buyer)
    expect(await delivery(`paid:${third}`)).toBe('no_consent')
    expect((await getDb().collection('message_subscriptions').doc(`${buyer}:paid`).get()).data[0].credits).toBe(0)
    // The inbox has all three, whatever WeChat was allowed to push.
    const inbox = (await orders('notifications', {}, buyer)).body.data.filter((n: { kind: string }) => n.kind === 'paid')
    expect(inbox).toHaveLength(3)
    expect(inbox.map((m: { id: string; pushed: boolean }) => [m.id, m.pushed])).toEqual([[`paid:${third}`, false], [`paid:${second}`, true], [`paid:${first}`, false]])
  })

  it('refuses unknown kinds and anonymous callers, changing nothing', async () => {
    expect((await orders('subscribe', { accepted: ['marketing'] }, buyer)).body.code).toBe('INVALID_INPUT')
    expect((await orders('subscribe', { accepted: ['paid'] }, null)).body.code).toBe('UNAUTHENTICATED')
    expect((await getDb().collection('message_subscriptions').doc(`${buyer}:paid`).get()).data[0].credits).toBe(0)
  })

  it('consents from racing taps all count', async () => {
    const who = openidOf('consumer2')
    await Promise.all(Array.from({ length: 8 }, () => orders('subscribe', { accepted: ['expiring'] }, who)))
    expect((await getDb().collection('message_subscriptions').doc(`${who}:expiring`).get()).data[0].credits).toBe(8)
  })

  it('a message replayed at once is recorded once and uses one consent', async () => {
    const who = 'o_sub_replay'
    await orders('subscribe', { accepted: ['refunded', 'refunded'] }, who)
    await orders('subscribe', { accepted: ['refunded'] }, who)
    const m = { to: who, kind: 'refunded', title: '退款成功', body: '1 份已原路退回', page: '/pages/orders/index' }
    await Promise.all(Array.from({ length: 6 }, () => notifyUser(getDb(), 'refunded:replayed', m, Date.now())))
    expect((await getDb().collection('message_subscriptions').doc(`${who}:refunded`).get()).data[0].credits).toBe(1)
    expect(await delivery('refunded:replayed')).toBe('recorded')
  })
})
