import { openidOf, OWNER_B, STAFF_B } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { key, pay, placeAndPay } from './support/flows'
import { allowMessages } from './support/platform'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const staff: string = openidOf('staff')
const owner = openidOf('owner')
const buyer = openidOf('consumer')
const preview = (code: string, who: string = staff) => t.call('redemption', { action: 'preview', input: { code } }, who)
const confirm = (codes: string[], who: string = staff, idempotencyKey = key()) => t.call('redemption', { action: 'confirm', input: { codes, idempotencyKey } }, who)
const codeDoc = async (c: string) => (await getDb().collection('codes').doc(c).get()).data[0]

describe('核销', () => {
  it('staff preview a code: deal, validity, masked buyer, units left on the order', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 2)
    const { body } = await preview(o.codes[0].code.toLowerCase().replace(/(.{4})/g, '$1 '))
    expect(body.data).toMatchObject({ code: o.codes[0].code, state: 'unused', dealTitle: expect.stringContaining('双人下午茶'), unitsLeftOnOrder: 2, buyerMasked: '微信用户' })
    expect(body.data.orderCodes).toHaveLength(2)
  })

  it('a code of another shop answers exactly like a code that does not exist', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 1)
    const foreign = await preview(o.codes[0].code, STAFF_B)
    const missing = await preview('ABCDEFGHJKMN', OWNER_B)
    expect(foreign).toEqual(missing)
    expect(foreign.body.code).toBe('CODE_NOT_FOUND')
    const before = await snapshotDb()
    const r = await confirm([o.codes[0].code], STAFF_B)
    expect(r.body.data.results[0]).toMatchObject({ ok: false, error: 'CODE_NOT_FOUND' })
    expect((await snapshotDb()).codes).toEqual(before.codes)
  })

  it('someone who is not staff is refused', async () => {
    expect((await preview('ABCDEFGHJKMN', buyer)).body.code).toBe('NOT_STAFF')
    expect((await preview('ABCDEFGHJKMN', null as unknown as string)).body.code).toBe('UNAUTHENTICATED')
  })

  it('confirm redeems; the buyer sees it; a second staff member is told who and when', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const r = await confirm([o.codes[0].code])
    expect(r.body.data.results[0]).toMatchObject({ ok: true, replay: false })
    const mine = await t.call('orders', { action: 'get', input: { id: o.id } }, buyer)
    expect(mine.body.data.codes[0].state).toBe('redeemed')
    expect(mine.body.data.state).toBe('completed')
    const again = await confirm([o.codes[0].code], owner)
    expect(again.body.data.results[0]).toMatchObject({ ok: false, error: 'CODE_ALREADY_REDEEMED', redeemedBy: '店员小周' })
  })

  it('20 confirmations of one code at once: exactly one succeeds', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => confirm([o.codes[0].code], i % 2 ? staff : owner)))
    const oks = results.filter((r) => r.body.data.results[0].ok)
    expect(oks).toHaveLength(1)
    // The move's audit event travels with the code (its events); none was written to audit_events for it.
    expect((await codeDoc(o.codes[0].code)).events.filter((e: { action: string }) => e.action === 'code.redeemed')).toHaveLength(1)
    expect((await getDb().collection('audit_events').where({ entityId: o.codes[0].code, action: 'code.redeemed' }).count()).total).toBe(0)
  })

  it('a retried confirmation with the same key reports the first success again', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const k = key()
    const first = await confirm([o.codes[0].code], staff, k)
    const retry = await confirm([o.codes[0].code], staff, k)
    expect(first.body.data.results[0]).toMatchObject({ ok: true, replay: false })
    expect(retry.body.data.results[0]).toMatchObject({ ok: true, replay: true, redeemedAt: first.body.data.results[0].redeemedAt })
  })

  it('a refund and a redemption of the same code racing: exactly one wins', async () => {
    for (let i = 0; i < 5; i++) {
      const o = await placeAndPay(t, buyer, 'deal_latte', 1)
      const c = o.codes[0].code
      const [refund, redeem] = await Promise.all([
        t.call('orders', { action: 'refund', input: { orderId: o.id, codes: [c] } }, buyer),
        confirm([c]),
      ])
      const redeemed = redeem.body.data.results[0].ok
      const refunded = refund.body.ok
      expect(redeemed !== refunded).toBe(true)
      expect((await codeDoc(c)).status).toBe(redeemed ? 'redeemed' : 'refunded')
    }
  })

  it('batch: several codes of one order in one step', async () => {
    const o = await placeAndPay(t, 'o_batch_buyer', 'deal_tea_for_two', 3)
    const r = await confirm(o.codes.map((c: { code: string }) => c.code))
    expect(r.body.data.results.every((x: { ok: boolean }) => x.ok)).toBe(true)
    const mine = await t.call('orders', { action: 'get', input: { id: o.id } }, 'o_batch_buyer')
    expect(mine.body.data.state).toBe('completed')
  })

  it('expired and refunded codes are refused with their own codes', async () => {
    const o = await placeAndPay(t, buyer, 'deal_tea_for_two', 2)
    const [a, b] = o.codes.map((c: { code: string }) => c.code)
    await getDb().collection('codes').doc(a).update({ validEnd: new Date(Date.now() - 1000) })
    await t.call('orders', { action: 'refund', input: { orderId: o.id, codes: [b] } }, buyer)
    const r = await confirm([a, b])
    expect(r.body.data.results.map((x: { error: string }) => x.error)).toEqual(['CODE_EXPIRED', 'CODE_REFUNDED'])
  })

  it('undo within 10 minutes restores the code and reopens the order; later it is refused', async () => {
    const o = await placeAndPay(t, buyer, 'deal_latte', 1)
    const c = o.codes[0].code
    await confirm([c])
    const undone = await t.call('redemption', { action: 'undo', input: { code: c } }, owner)
    expect(undone.body.data.state).toBe('unused')
    expect((await t.call('orders', { action: 'get', input: { id: o.id } }, buyer)).body.data.state).toBe('paid')
    await confirm([c])
    await getDb().collection('codes').doc(c).update({ redeemedAt: new Date(Date.now() - 11 * 60 * 1000) })
    expect((await t.call('redemption', { action: 'undo', input: { code: c } }, staff)).body.code).toBe('UNDO_WINDOW_PASSED')
    expect((await t.call('redemption', { action: 'undo', input: { code: c } }, STAFF_B)).body.code).toBe('CODE_NOT_FOUND')
  })

  it('the counter knows at once where a clerk works: a second shop joined lets its codes through, a removal refuses', async () => {
    const clerk = 'o_two_shops_clerk'
    const join = async (shopId: string, by: string) => {
      const invite = await t.call('shops', { action: 'invite', input: { shopId } }, by)
      expect((await t.call('shops', { action: 'acceptInvite', input: { code: invite.body.data.code, name: '两店店员' } }, clerk)).body.ok).toBe(true)
    }
    const leave = async (shopId: string, by: string) => expect((await t.call('shops', { action: 'removeStaff', input: { shopId, openid: clerk } }, by)).body.ok).toBe(true)
    await join('shop_shiguang', owner)
    const latte = await placeAndPay(t, buyer, 'deal_latte', 2)
    // The first look-up lists the clerk's shops on their look-up document; later changes move that list.
    expect((await confirm([latte.codes[0].code], clerk)).body.data.results[0]).toMatchObject({ ok: true })
    await join('shop_shuxiang', OWNER_B)
    const voucher = await placeAndPay(t, buyer, 'deal_voucher_100', 1)
    expect((await confirm([voucher.codes[0].code], clerk)).body.data.results[0]).toMatchObject({ ok: true })
    await leave('shop_shiguang', owner)
    expect((await confirm([latte.codes[1].code], clerk)).body.data.results[0]).toMatchObject({ ok: false, error: 'CODE_NOT_FOUND' })
    await leave('shop_shuxiang', OWNER_B)
    expect((await confirm([latte.codes[1].code], clerk)).body.code).toBe('NOT_STAFF')
    expect((await preview(latte.codes[1].code, clerk)).body.code).toBe('NOT_STAFF')
    expect((await codeDoc(latte.codes[1].code)).status).toBe('unused')
  })

  it("a promoter's sale: buyer and promoter are each told once, each on their own consent; a retry tells nobody again", async () => {
    const promoter = openidOf('promoter')
    const who = 'o_two_messages_buyer'
    const shareCode = (await t.call('promoters', { action: 'share', input: { dealId: 'deal_tea_for_two' } }, promoter)).body.data.shareCode
    const placed = (await t.call('orders', { action: 'place', input: { dealId: 'deal_tea_for_two', qty: 2, shareCode, idempotencyKey: key() } }, who)).body.data
    await pay(t, who, placed.id)
    const codes = (await t.call('orders', { action: 'get', input: { id: placed.id } }, who)).body.data.codes.map((c: { code: string }) => c.code)
    const inbox = async (w: string, kind: string) => ((await t.call('orders', { action: 'notifications', input: {} }, w)).body.data as { kind: string; pushed: boolean; body: string }[]).filter((n) => n.kind === kind)
    const credits = async (sid: string) => (await getDb().collection('message_subscriptions').doc(sid).get()).data[0]?.credits
    const settledBefore = (await inbox(promoter, 'settled')).length
    // Only the promoter consented.
    await allowMessages(t, promoter, ['settled'])
    const k = key()
    expect((await confirm([codes[0]], staff, k)).body.data.results[0]).toMatchObject({ ok: true, replay: false })
    const settled = await inbox(promoter, 'settled')
    expect(settled).toHaveLength(settledBefore + 1)
    expect(settled[0]).toMatchObject({ pushed: true })
    expect(await inbox(who, 'redeemed')).toMatchObject([{ pushed: false }])
    expect(await credits(`${promoter}:settled`)).toBe(0)
    // The retry of that confirmation (its answer lost) tells nobody again and uses no consent given since.
    await allowMessages(t, who, ['redeemed'])
    expect((await confirm([codes[0]], staff, k)).body.data.results[0]).toMatchObject({ ok: true, replay: true })
    expect(await inbox(promoter, 'settled')).toHaveLength(settledBefore + 1)
    expect(await inbox(who, 'redeemed')).toHaveLength(1)
    expect(await credits(`${who}:redeemed`)).toBe(1)
    // The order's last unit: the buyer's consent is used now, the order completes.
    expect((await confirm([codes[1]])).body.data.results[0]).toMatchObject({ ok: true })
    expect((await inbox(who, 'redeemed')).filter((n) => n.pushed)).toHaveLength(1)
    expect(await credits(`${who}:redeemed`)).toBe(0)
    expect((await t.call('orders', { action: 'get', input: { id: placed.id } }, who)).body.data.state).toBe('completed')
  })

  it('failed look-ups are rate limited per staff account, with the wait in the message', async () => {
    // A staff account of its own: earlier tests spent failed look-ups of STAFF_B in this minute.
    const guesser = 'o_guessing_staff'
    await getDb().collection('shop_members').add({ _id: `shop_shuxiang:${guesser}`, shopId: 'shop_shuxiang', openid: guesser, role: 'staff', name: '新店员', createdAt: new Date() })
    const attempts = async () => (await getDb().collection('verify_attempts').where({ staff: guesser }).count()).total
    const before = await attempts()
    // The budget is per clock minute: start well inside one, so the 11th look-up falls in the same window.
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200))
    for (let i = 0; i < 10; i++) expect((await preview(`ZZZZZZZZZZ${String(i).padStart(2, '2')}`, guesser)).body.code).toBe('CODE_NOT_FOUND')
    const limited = await preview('ZZZZZZZZZZZZ', guesser)
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('RATE_LIMITED')
    expect(limited.body.message).toMatch(/请 \d+ (秒|分钟)后再试/)
    // Another staff account is not affected.
    expect((await preview('ZZZZZZZZZZZZ', OWNER_B)).body.code).toBe('CODE_NOT_FOUND')
    // Every attempt that reached a look-up is on record; the refused one never looked anything up.
    expect((await attempts()) - before).toBe(10)
  }, 90_000)
})

describe('verification history', () => {
  it('lists the shop\'s redemptions by day and staff, with undo availability; other shops see nothing', async () => {
    const o = await placeAndPay(t, 'o_hist_buyer', 'deal_latte', 2)
    await confirm([o.codes[0].code], staff)
    await confirm([o.codes[1].code], owner)
    const all = await t.call('redemption', { action: 'history', input: { shopId: 'shop_shiguang' } }, owner)
    const mine = all.body.data.items.filter((i: { code: string }) => o.codes.some((c: { code: string }) => c.code === i.code))
    expect(mine.map((i: { staffName: string }) => i.staffName).sort()).toEqual(['店员小周', '陈店长'])
    expect(mine.every((i: { undoable: boolean }) => i.undoable)).toBe(true)
    const byStaff = await t.call('redemption', { action: 'history', input: { shopId: 'shop_shiguang', staff } }, owner)
    expect(byStaff.body.data.items.every((i: { staffName: string }) => i.staffName === '店员小周')).toBe(true)
    const otherDay = await t.call('redemption', { action: 'history', input: { shopId: 'shop_shiguang', day: '2020-01-01' } }, owner)
    expect(otherDay.body.data.items).toEqual([])
    expect((await t.call('redemption', { action: 'history', input: { shopId: 'shop_shiguang' } }, STAFF_B)).body.code).toBe('SHOP_NOT_FOUND')
  })
})
