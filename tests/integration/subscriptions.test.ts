import { openidOf } from '../../local/seed/personas'
import { notifyUser, notifyUsers } from '../../server/notify'
import { getDb } from '../../server/platform/cloudbase'
import { checked } from '../../server/db'
import { LOCAL_TEMPLATES, sentMessages } from '../../local/platform/openapi/apis/subscribe-message'
import { key, pay } from './support/flows'
import { allowMessages } from './support/platform'
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
const outbox = async (id: string) => (await getDb().collection('notifications').doc(id).get()).data[0]
const delivery = async (id: string) => (await outbox(id))?.delivery
const sentTo = (who: string) => sentMessages(t.stack.openapi).filter((m) => m.touser === who)

describe('subscribe messages (one-time consent)', () => {
  it('lists the templates to ask consent for (the ones configured: locally the platform emulator\'s), to anyone', async () => {
    const list = (await orders('messageTemplates', {}, null)).body.data
    expect(list.map((x: { kind: string }) => x.kind)).toEqual(['paid', 'group_succeeded', 'group_failed', 'expiring', 'redeemed', 'refunded', 'settled', 'withdrawal'])
    expect(list[0]).toEqual({ kind: 'paid', templateId: LOCAL_TEMPLATES.paid.id, title: '支付成功通知' })
  })

  it('without consent a message stays in the app; each "allow" sends exactly one; replays use none', async () => {
    const first = await buy(buyer)
    expect(await delivery(`paid:${first}`)).toBe('no_consent')

    expect(sentTo(buyer)).toEqual([])
    expect((await allowMessages(t, buyer, ['paid', 'refunded'])).body.data).toEqual([{ kind: 'paid', credits: 1 }, { kind: 'refunded', credits: 1 }])
    const second = await buy(buyer)
    expect(await delivery(`paid:${second}`)).toBe('sent')
    // What WeChat pushed: the template's two keywords, cut to what a `thing` holds, opening the order.
    expect(sentTo(buyer)).toEqual([expect.objectContaining({ templateId: LOCAL_TEMPLATES.paid.id, page: `/pages/order/index?id=${second}`, data: { thing1: expect.any(String), thing2: expect.any(String) } })])
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
    await allowMessages(t, who, ['refunded', 'refunded'])
    await allowMessages(t, who, ['refunded'])
    const m = { to: who, kind: 'refunded', title: '退款成功', body: '1 份已原路退回', page: '/pages/orders/index' }
    const at = Date.parse('2026-11-23T14:00:00+08:00')
    await Promise.all(Array.from({ length: 6 }, () => notifyUser(getDb(), 'refunded:replayed', m, at)))
    expect((await getDb().collection('message_subscriptions').doc(`${who}:refunded`).get()).data[0].credits).toBe(1)
    expect(await delivery('refunded:replayed')).toBe('sent')
    expect(sentTo(who)).toHaveLength(1)
  })

  it('consent the app counted but WeChat does not have (43101) is recorded as MESSAGE_NOT_ALLOWED and spends the credit; nothing is pushed', async () => {
    const who = 'o_sub_no_wechat_consent'
    // orders.subscribe without WeChat's side of the consent (a forged report, or WeChat forgot it).
    await orders('subscribe', { accepted: ['paid'] }, who)
    const id = await buy(who)
    expect(await outbox(`paid:${id}`)).toMatchObject({ delivery: 'failed', failure: 'MESSAGE_NOT_ALLOWED', errcode: 43101 })
    expect((await getDb().collection('message_subscriptions').doc(`${who}:paid`).get()).data[0].credits).toBe(0)
    expect(sentTo(who)).toEqual([])
    const inbox = (await orders('notifications', {}, who)).body.data
    expect(inbox.map((n: { id: string; pushed: boolean }) => [n.id, n.pushed])).toContainEqual([`paid:${id}`, false])
  })

  it('a template WeChat no longer has (40037) is recorded as MESSAGE_TEMPLATE_INVALID; the consent is kept for the next message', async () => {
    const who = 'o_sub_bad_template'
    await allowMessages(t, who, ['paid'])
    const before = process.env.TUANKA_TEMPLATE_PAID
    process.env.TUANKA_TEMPLATE_PAID = 'tmpl_deleted_in_console'
    let id: string
    try {
      id = await buy(who)
    } finally {
      process.env.TUANKA_TEMPLATE_PAID = before
    }
    expect(await outbox(`paid:${id}`)).toMatchObject({ delivery: 'failed', failure: 'MESSAGE_TEMPLATE_INVALID', errcode: 40037 })
    expect((await getDb().collection('message_subscriptions').doc(`${who}:paid`).get()).data[0].credits).toBe(1)
    // The order itself is paid as ever: a refused message changes nothing else.
    expect((await orders('get', { id }, who)).body.data.state).toBe('paid')
    const next = await buy(who)
    expect(await delivery(`paid:${next}`)).toBe('sent')
  })

  it('messages sent together (核销: buyer and promoter) whose outbox write the database refuses keep the consents they took', async () => {
    const who = 'o_sub_together'
    await allowMessages(t, who, ['redeemed', 'settled'])
    const credits = async () => (await getDb().collection('message_subscriptions').where({ _id: getDb().command.in([`${who}:redeemed`, `${who}:settled`]) }).orderBy('_id', 'asc').get()).data.map((d: { credits: number }) => d.credits)
    expect(await credits()).toEqual([1, 1])
    const at = Date.UTC(2026, 0, 5, 4)
    const redeemed = { key: `together-r:${who}`, m: { to: who, kind: 'redeemed' as const, title: '券码已核销', body: '1 份已核销', page: '/pages/index/index' } }
    // The second record is over the database's 512 KB limit: the insert writes nothing.
    const settled = { key: `together-s:${who}`, m: { to: who, kind: 'settled' as const, title: '佣金已结算', body: 'x'.repeat(600 * 1024), page: '/pages/index/index' } }
    await expect(notifyUsers(getDb(), [redeemed, settled], at)).rejects.toThrow()
    expect([await outbox(redeemed.key), await outbox(settled.key)]).toEqual([undefined, undefined])
    expect(sentTo(who)).toEqual([])
    expect(await credits()).toEqual([1, 1])
  })

  it('messages sent together whose batch insert stops part-way (a database keeping the records before a duplicate) send what this call wrote, once', async () => {
    const who = 'o_sub_partial'
    await allowMessages(t, who, ['redeemed', 'settled'])
    const at = Date.UTC(2026, 0, 5, 4)
    const redeemed = { key: `partial-r:${who}`, m: { to: who, kind: 'redeemed' as const, title: '券码已核销', body: '1 份已核销', page: '/pages/index/index' } }
    const settled = { key: `partial-s:${who}`, m: { to: who, kind: 'settled' as const, title: '佣金已结算', body: '¥1.00 已结算', page: '/pages/index/index' } }
    // The promoter's record is there already (an earlier delivery of the same event).
    await notifyUser(getDb(), settled.key, settled.m, at)
    expect(sentTo(who)).toHaveLength(1)
    // A database whose batch insert writes in order and stops at the first duplicate, as MongoDB's insertMany does.
    const real = getDb()
    const ordered = new Proxy(real, {
      get(target, prop) {
        if (prop !== 'collection') return Reflect.get(target, prop)
        return (name: string) => {
          const c = real.collection(name)
          if (name !== 'notifications') return c
          return new Proxy(c, {
            get(ct, cp) {
              if (cp !== 'add') return Reflect.get(ct, cp)
              return async (docs: unknown) => {
                if (!Array.isArray(docs)) return ct.add(docs as object)
                for (const d of docs) checked(await ct.add(d))
                return {}
              }
            },
          })
        }
      },
    })
    await notifyUsers(ordered as typeof real, [redeemed, settled], at)
    expect(sentTo(who).map((m) => m.templateId)).toEqual([LOCAL_TEMPLATES.settled.id, LOCAL_TEMPLATES.redeemed.id])
    expect(await delivery(redeemed.key)).toBe('sent')
    const credits = (await real.collection('message_subscriptions').where({ _id: real.command.in([`${who}:redeemed`, `${who}:settled`]) }).orderBy('_id', 'asc').get()).data.map((d: { credits: number }) => d.credits)
    expect(credits).toEqual([0, 0])
  })
})
