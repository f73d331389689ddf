import { randomBytes } from 'node:crypto'
import { CODE_ALPHABET, CODE_LENGTH } from '@core/codes/redemption-code'
import { contracts } from '@core/contracts'
import { key, type Reply } from './support/api'
import { createDeal, newStaff, P, place, placeAndPay, SHOP_A } from './support/fixtures'
import { sample } from './support/report'
import type { Suite } from './support/suite'

/**
 * Authorization matrix: every action of core/contracts × eight callers. The table below is the expectation,
 * written by hand from the roles in docs/api.md: `ok`, or the code of the refusal. Every refusal must change
 * nothing and carry no data, and where the object is someone else's, the answer must be exactly the answer for an
 * object that does not exist (same HTTP status, code and message) — refusals must not tell what exists.
 */
const PERSONAS = ['anon', 'consumer', 'other', 'promoter', 'staffA', 'staffB', 'ownerA', 'admin'] as const
type Persona = (typeof PERSONAS)[number]
const OPENID: Record<Persona, string | null> = {
  anon: null,
  consumer: P.consumer,
  other: P.other,
  promoter: P.promoter,
  staffA: P.staffA,
  staffB: P.staffB,
  ownerA: P.ownerA,
  admin: P.admin,
}
/** Shop A's own people go last, so the calls they are allowed to make run after everyone else's refusals. */
const RUN_ORDER: Persona[] = ['anon', 'consumer', 'other', 'promoter', 'staffB', 'admin', 'staffA', 'ownerA']

const ALIAS: Record<string, string> = {
  UNAUTH: 'UNAUTHENTICATED',
  FORBID: 'FORBIDDEN',
  NOSHOP: 'SHOP_NOT_FOUND',
  NODEAL: 'DEAL_NOT_FOUND',
  NOORDER: 'ORDER_NOT_FOUND',
  NOCODE: 'CODE_NOT_FOUND',
  NOREVIEW: 'REVIEW_NOT_FOUND',
  NOTSTAFF: 'NOT_STAFF',
  NOTPROMO: 'NOT_PROMOTER',
  MEMBER: 'ALREADY_MEMBER',
  BROKE: 'INSUFFICIENT_BALANCE',
  NOWD: 'WITHDRAWAL_NOT_FOUND',
  NOTRCVD: 'RECEIPT_NOT_CONFIRMED',
  '~NOCODE': '~CODE_NOT_FOUND', // envelope ok, the code itself refused (redemption.confirm reports per code)
}

// Objects: shop A (shop_shiguang), a published deal and a draft of shop A, the consumer's paid and unpaid
// orders, unused and just-redeemed codes of shop A, a review of a shop A deal, the promoter's share code.
// prettier-ignore
const TABLE = `
  action                anon    consumer  other    promoter  staffA  staffB    ownerA  admin
  deals.list            ok      ok        ok       ok        ok      ok        ok      ok
  deals.get             NODEAL  NODEAL    NODEAL   NODEAL    ok      NODEAL    ok      NODEAL
  deals.listForShop     UNAUTH  NOSHOP    NOSHOP   NOSHOP    ok      NOSHOP    ok      NOSHOP
  deals.create          UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  deals.update          UNAUTH  NODEAL    NODEAL   NODEAL    FORBID  NODEAL    ok      NODEAL
  deals.setStatus       UNAUTH  NODEAL    NODEAL   NODEAL    FORBID  NODEAL    ok      NODEAL
  deals.adjustStock     UNAUTH  NODEAL    NODEAL   NODEAL    FORBID  NODEAL    ok      NODEAL
  deals.page            NODEAL  NODEAL    NODEAL   NODEAL    ok      NODEAL    ok      NODEAL
  deals.buyers          ok      ok        ok       ok        ok      ok        ok      ok
  deals.reviews         ok      ok        ok       ok        ok      ok        ok      ok
  deals.review          UNAUTH  ok        NOORDER  NOORDER   NOORDER NOORDER   NOORDER NOORDER
  deals.replyReview     UNAUTH  NOREVIEW  NOREVIEW NOREVIEW  ok      NOREVIEW  ok      NOREVIEW
  shops.me              ok      ok        ok       ok        ok      ok        ok      ok
  shops.get             ok      ok        ok       ok        ok      ok        ok      ok
  shops.create          UNAUTH  FORBID    FORBID   FORBID    FORBID  FORBID    FORBID  ok
  shops.update          UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.invite          UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.members         UNAUTH  NOSHOP    NOSHOP   NOSHOP    ok      NOSHOP    ok      NOSHOP
  shops.removeStaff     UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.dashboard       UNAUTH  NOSHOP    NOSHOP   NOSHOP    ok      NOSHOP    ok      NOSHOP
  shops.exportCsv       UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.refundIssues    UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.retryRefund     UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.promoters       UNAUTH  NOSHOP    NOSHOP   NOSHOP    ok      NOSHOP    ok      NOSHOP
  shops.reviewPromoter  UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.settings        UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  shops.updateSettings  UNAUTH  NOSHOP    NOSHOP   NOSHOP    FORBID  NOSHOP    ok      NOSHOP
  orders.place          UNAUTH  ok        ok       ok        ok      ok        ok      ok
  orders.get            UNAUTH  ok        NOORDER  NOORDER   NOORDER NOORDER   NOORDER NOORDER
  orders.listMine       UNAUTH  ok        ok       ok        ok      ok        ok      ok
  orders.refund         UNAUTH  ok        NOORDER  NOORDER   NOORDER NOORDER   NOORDER NOORDER
  orders.cancel         UNAUTH  ok        NOORDER  NOORDER   NOORDER NOORDER   NOORDER NOORDER
  orders.confirmReceipt UNAUTH  NOTRCVD   NOORDER  NOORDER   NOORDER NOORDER   NOORDER NOORDER
  orders.groupCard      UNAUTH  ok        ok       ok        ok      ok        ok      ok
  orders.notifications  UNAUTH  ok        ok       ok        ok      ok        ok      ok
  orders.messageTemplates ok    ok        ok       ok        ok      ok        ok      ok
  orders.subscribe      UNAUTH  ok        ok       ok        ok      ok        ok      ok
  payments.prepay       UNAUTH  ok        NOORDER  NOORDER   NOORDER NOORDER   NOORDER NOORDER
  redemption.preview    UNAUTH  NOTSTAFF  NOTSTAFF NOTSTAFF  ok      NOCODE    ok      NOTSTAFF
  redemption.confirm    UNAUTH  NOTSTAFF  NOTSTAFF NOTSTAFF  ok      ~NOCODE   ok      NOTSTAFF
  redemption.undo       UNAUTH  NOTSTAFF  NOTSTAFF NOTSTAFF  ok      NOCODE    ok      NOTSTAFF
  redemption.history    UNAUTH  NOSHOP    NOSHOP   NOSHOP    ok      NOSHOP    ok      NOSHOP
  promoters.share       UNAUTH  NOTPROMO  NOTPROMO ok        NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  promoters.visit       ok      ok        ok       ok        ok      ok        ok      ok
  promoters.center      UNAUTH  NOTPROMO  NOTPROMO ok        NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  promoters.earnings    UNAUTH  NOTPROMO  NOTPROMO ok        NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  promoters.withdraw    UNAUTH  NOTPROMO  NOTPROMO BROKE     NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  promoters.withdrawal  UNAUTH  NOTPROMO  NOTPROMO NOWD      NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  promoters.orders      UNAUTH  NOTPROMO  NOTPROMO ok        NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  promoters.posterCode  UNAUTH  NOTPROMO  NOTPROMO ok        NOTPROMO NOTPROMO NOTPROMO NOTPROMO
  shops.acceptInvite    UNAUTH  ok        ok       ok        MEMBER  ok        MEMBER  ok
  promoters.join        UNAUTH  ok        ok       ok        ok      ok        ok      ok
`
// The last two rows change who people are (they join shop A, become promoters), so they run last.

function parseTable(): { action: string; expect: Record<Persona, string> }[] {
  const [header, ...rows] = TABLE.trim().split('\n').map((l) => l.trim().split(/\s+/))
  const cols = header.slice(1) as Persona[]
  if (cols.join() !== PERSONAS.join()) throw new Error(`table columns ${cols.join()} ≠ ${PERSONAS.join()}`)
  return rows.map(([action, ...cells]) => {
    if (cells.length !== PERSONAS.length) throw new Error(`table row ${action} has ${cells.length} cells`)
    return { action, expect: Object.fromEntries(cols.map((p, i) => [p, ALIAS[cells[i]] ?? cells[i]])) as Record<Persona, string> }
  })
}

const MISSING = { deal: 'deal_0000000000000000', shop: 'shop_0000000000000000', order: 'o000000000000000000000000', code: () => Array.from(randomBytes(CODE_LENGTH), (b) => CODE_ALPHABET[b & 31]).join('') }
/** Collections a refused look-up at the counter writes on purpose: the evidence of who tried what, and the throttle. */
const FORENSIC = new Set(['verify_attempts', 'rate_limits'])

interface Case {
  input: (who: Persona) => Promise<unknown>
  /** The same call naming an object that does not exist. */
  missing?: () => unknown
}

export async function authz(s: Suite): Promise<void> {
  const api = s.api
  const now = Date.now()
  const DAY = 24 * 3600 * 1000
  let n = 0
  const dealA = await createDeal(api, { stock: 1000, perUserLimit: 99, title: '可靠性·权限' })
  const draft = () => createDeal(api, { publish: false, title: `可靠性·草稿${n++}` })
  const draftA = await draft()
  const mine = await placeAndPay(api, P.consumer, dealA, 3)
  const pending = (await place(api, P.consumer, dealA, 1)).body.data.id as string
  // The consumer's unpaid order that every refused 取消订单 names: it must stay unpaid, so the refusals are seen to
  // change nothing (the consumer's own, allowed, call cancels a fresh one).
  const pendingOthers = (await place(api, P.consumer, dealA, 1)).body.data.id as string
  const pool = await placeAndPay(api, 'o_rel_authz_pool', dealA, 20)
  const poolCodes: string[] = pool.codes.map((c: { code: string }) => c.code)
  const freshCode = () => poolCodes.shift()!
  const someCode = freshCode()
  const redeemed = async () => {
    const c = freshCode()
    await api.ok('redemption', 'confirm', { codes: [c], idempotencyKey: key() }, P.staffA)
    return c
  }
  const someRedeemed = await redeemed()
  const reviewed = async (buyer: string) => {
    const o = await placeAndPay(api, buyer, dealA, 1)
    await api.ok('redemption', 'confirm', { codes: [o.codes[0].code], idempotencyKey: key() }, P.staffA)
    return o.id as string
  }
  const toReview = await reviewed(P.consumer)
  const aReview = async () => {
    const id = await reviewed(`o_rel_authz_rv_${n++}`)
    await api.ok('deals', 'review', { orderId: id, rating: 4, text: '可靠性测试' }, `o_rel_authz_rv_${n - 1}`)
    return id
  }
  const someReview = await aReview()
  const share = await api.ok('promoters', 'share', { dealId: dealA }, P.promoter)
  // A refund of shop A (settled at once: 重新查询 only reports it, so the owner's allowed call changes nothing either).
  const refundC = freshCode()
  await api.ok('orders', 'refund', { orderId: pool.id, codes: [refundC] }, 'o_rel_authz_pool')
  const someRefund = `R${refundC}`
  const someStaff = await newStaff(api, `o_rel_authz_staff_${n++}`)
  const today = new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10)
  const dealFields = { title: '可靠性·权限新建', images: ['/files/demo/latte-1.svg'], priceFen: 100, originalPriceFen: 200, stock: 1, perUserLimit: 1, saleStart: now, saleEnd: now + DAY, validStart: now, validEnd: now + 2 * DAY, rules: [], description: '', commissionBps: 0 }
  const shopFields = { name: '可靠性小店', address: '深圳市南山区', phone: '0755-1234567', hours: '全天' }
  const allowed = (who: Persona, action: string) => table.find((r) => r.action === action)!.expect[who] === 'ok'
  const table = parseTable()

  const CASES: Record<string, Case> = {
    'deals.list': { input: async () => ({}) },
    'deals.get': { input: async () => ({ id: draftA }), missing: () => ({ id: MISSING.deal }) },
    'deals.listForShop': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    'deals.create': { input: async () => ({ shopId: SHOP_A, ...dealFields }), missing: () => ({ shopId: MISSING.shop, ...dealFields }) },
    'deals.update': { input: async () => ({ id: await draft(), title: '改过的标题' }), missing: () => ({ id: MISSING.deal, title: '改过的标题' }) },
    'deals.setStatus': { input: async () => ({ id: await draft(), to: 'ended' }), missing: () => ({ id: MISSING.deal, to: 'ended' }) },
    'deals.adjustStock': { input: async () => ({ id: dealA, delta: 1 }), missing: () => ({ id: MISSING.deal, delta: 1 }) },
    'deals.page': { input: async () => ({ id: draftA }), missing: () => ({ id: MISSING.deal }) },
    'deals.buyers': { input: async () => ({ dealId: dealA }) },
    'deals.reviews': { input: async () => ({ dealId: dealA }) },
    'deals.review': { input: async () => ({ orderId: toReview, rating: 5, text: '很好' }), missing: () => ({ orderId: MISSING.order, rating: 5, text: '很好' }) },
    'deals.replyReview': { input: async (who) => ({ reviewId: allowed(who, 'deals.replyReview') ? await aReview() : someReview, text: '谢谢' }), missing: () => ({ reviewId: MISSING.order, text: '谢谢' }) },
    'shops.me': { input: async () => ({}) },
    'shops.get': { input: async () => ({ id: SHOP_A }) },
    'shops.create': { input: async () => shopFields },
    'shops.update': { input: async () => ({ shopId: SHOP_A, hours: '周一至周日 09:00-22:00' }), missing: () => ({ shopId: MISSING.shop, hours: '周一至周日 09:00-22:00' }) },
    'shops.invite': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    'shops.members': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    'shops.removeStaff': {
      input: async (who) => ({ shopId: SHOP_A, openid: allowed(who, 'shops.removeStaff') ? await newStaff(api, `o_rel_authz_staff_${n++}`) : someStaff }),
      missing: () => ({ shopId: MISSING.shop, openid: someStaff }),
    },
    'shops.dashboard': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    'shops.exportCsv': { input: async () => ({ shopId: SHOP_A, from: today, to: today }), missing: () => ({ shopId: MISSING.shop, from: today, to: today }) },
    'shops.refundIssues': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    'shops.retryRefund': { input: async () => ({ shopId: SHOP_A, refundNo: someRefund }), missing: () => ({ shopId: MISSING.shop, refundNo: someRefund }) },
    'orders.place': { input: async () => ({ dealId: dealA, qty: 1, idempotencyKey: key() }) },
    'orders.get': { input: async () => ({ id: mine.id }), missing: () => ({ id: MISSING.order }) },
    'orders.listMine': { input: async () => ({}) },
    'orders.refund': { input: async () => ({ orderId: mine.id, codes: [mine.codes[0].code] }), missing: () => ({ orderId: MISSING.order, codes: [mine.codes[0].code] }) },
    'orders.cancel': {
      input: async (who) => ({ orderId: allowed(who, 'orders.cancel') ? (await place(api, P.consumer, dealA, 1)).body.data.id : pendingOthers }),
      missing: () => ({ orderId: MISSING.order }),
    },
    'orders.groupCard': { input: async () => ({ dealId: dealA, orderId: mine.id }) },
    'orders.notifications': { input: async () => ({}) },
    // WeChat has not seen the buyer confirm receipt of `mine`: refused for the owner, missing for everyone else.
    'orders.confirmReceipt': { input: async () => ({ orderId: mine.id }), missing: () => ({ orderId: MISSING.order }) },
    'payments.prepay': { input: async () => ({ orderId: pending }), missing: () => ({ orderId: MISSING.order }) },
    'redemption.preview': { input: async () => ({ code: someCode }), missing: () => ({ code: MISSING.code() }) },
    'redemption.confirm': {
      input: async (who) => ({ codes: [allowed(who, 'redemption.confirm') ? freshCode() : someCode], idempotencyKey: key() }),
      missing: () => ({ codes: [MISSING.code()], idempotencyKey: key() }),
    },
    'redemption.undo': { input: async (who) => ({ code: allowed(who, 'redemption.undo') ? await redeemed() : someRedeemed }), missing: () => ({ code: MISSING.code() }) },
    'redemption.history': { input: async () => ({ shopId: SHOP_A, day: today }), missing: () => ({ shopId: MISSING.shop, day: today }) },
    'promoters.share': { input: async () => ({ dealId: dealA }), missing: () => ({ dealId: MISSING.deal }) },
    'promoters.visit': { input: async () => ({ shareCode: share.shareCode }) },
    'promoters.center': { input: async () => ({}) },
    'promoters.earnings': { input: async () => ({ dealIds: [dealA] }) },
    'promoters.withdraw': { input: async () => ({ amountFen: 1_000_000_000, idempotencyKey: key() }) },
    'promoters.withdrawal': { input: async () => ({ id: 'w_rel_authz_missing' }) },
    'promoters.orders': { input: async () => ({}) },
    'promoters.posterCode': { input: async () => ({ shareCode: share.shareCode }) },
    'orders.messageTemplates': { input: async () => ({}) },
    'orders.subscribe': { input: async () => ({ accepted: ['paid'] }) },
    'shops.promoters': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    'shops.reviewPromoter': { input: async () => ({ shopId: SHOP_A, promoterId: P.promoter, decision: 'approved' }), missing: () => ({ shopId: MISSING.shop, promoterId: P.promoter, decision: 'approved' }) },
    'shops.settings': { input: async () => ({ shopId: SHOP_A }), missing: () => ({ shopId: MISSING.shop }) },
    // The value it has (off): the owner's allowed call changes nothing the other attacks depend on.
    'shops.updateSettings': { input: async () => ({ shopId: SHOP_A, staffSeeRevenue: false }), missing: () => ({ shopId: MISSING.shop, staffSeeRevenue: false }) },
    'shops.acceptInvite': { input: async () => ({ code: (await api.ok('shops', 'invite', { shopId: SHOP_A }, P.ownerA)).code, name: '新同事' }), missing: () => ({ code: 'ZZZZZZZZZZ', name: '新同事' }) },
    'promoters.join': { input: async () => ({ name: '新推手' }) },
  }

  const contractActions = Object.entries(contracts).flatMap(([fn, c]) => Object.keys(c).map((a) => `${fn}.${a}`))
  const uncovered = contractActions.filter((a) => !table.some((r) => r.action === a) || !CASES[a])
  const unknown = table.map((r) => r.action).filter((a) => !contractActions.includes(a))
  s.report.row('authz: the table has a row for every action in core/contracts', `${contractActions.length} actions`, uncovered.length === 0 && unknown.length === 0, `missing ${uncovered.join(', ')}; unknown ${unknown.join(', ')}`)

  const outcome = (r: Reply): string => {
    if (r.body?.ok === true) {
      const first = r.body.data?.results?.[0]
      return first && first.ok === false ? `~${first.error}` : 'ok'
    }
    return r.body?.code ?? `HTTP ${r.status}`
  }
  const shape = (r: Reply) => {
    const first = r.body?.data?.results?.[0]
    return JSON.stringify(first && first.ok === false ? { status: r.status, error: first.error, message: first.message } : { status: r.status, code: r.body?.code, message: r.body?.message })
  }
  const writes = (fnAction: string) => s.journal.changes().filter((c) => !(fnAction.startsWith('redemption.') && FORENSIC.has(c.coll)))

  const wrong: string[] = []
  const wrote: string[] = []
  const leaked: string[] = []
  let calls = 0
  let denies = 0
  let compared = 0
  for (const row of table) {
    const c = CASES[row.action]
    if (!c) continue
    const [fn, action] = row.action.split('.')
    for (const who of RUN_ORDER) {
      const want = row.expect[who]
      const input = await c.input(who)
      s.journal.changes()
      const r = await api.call(fn, { action, input }, OPENID[who])
      calls++
      const got = outcome(r)
      const changed = writes(row.action)
      if (got !== want) wrong.push(`${row.action} as ${who}: expected ${want}, got ${got}${r.status === 500 ? ' (500)' : ''}`)
      if (want === 'ok') continue
      denies++
      if (changed.length) wrote.push(`${row.action} as ${who} (${got}) wrote ${changed.map((x) => `${x.coll}/${x.id}`).slice(0, 3).join(', ')}`)
      if (r.body?.ok === false && 'data' in r.body) leaked.push(`${row.action} as ${who}: a refusal carried data`)
      const foreign = /NOT_FOUND|UNAUTHENTICATED|NOT_STAFF|NOT_PROMOTER/.test(want)
      if (foreign && c.missing) {
        const m = await api.call(fn, { action, input: c.missing() }, OPENID[who])
        compared++
        const mChanged = writes(row.action)
        if (shape(m) !== shape(r)) leaked.push(`${row.action} as ${who}: theirs ${shape(r)} ≠ missing ${shape(m)}`)
        if (mChanged.length) wrote.push(`${row.action} as ${who} on a missing object wrote ${mChanged.map((x) => `${x.coll}/${x.id}`).slice(0, 3).join(', ')}`)
      }
    }
  }
  s.report.row(`authz: every action × ${PERSONAS.length} callers answers as the table says`, `${calls} calls`, wrong.length === 0, sample(wrong, 8))
  s.report.row('authz: every refusal changes nothing (journal)', `${denies} refusals`, wrote.length === 0, sample(wrote))
  s.report.row("authz: someone else's object answers exactly like a missing one; refusals carry no data", `${compared} comparisons`, leaked.length === 0, sample(leaked, 8))

  // Platform-only doors are not reachable from outside.
  const doors = await Promise.all(PERSONAS.map((who) => api.call('timers', { TriggerName: 'closeUnpaid' }, OPENID[who])))
  s.report.row('authz: timers cannot be fired through the gateway by anyone', `${PERSONAS.length} callers`, doors.every((r) => r.status === 404 && r.body?.code === 'UNKNOWN_FUNCTION'), sample(doors.map((r) => `${r.status} ${r.body?.code}`)))
}
