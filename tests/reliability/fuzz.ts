import fc from 'fast-check'
import { contracts } from '@core/contracts'
import { isErrorCode } from '@core/errors'
import { httpStatusFor } from '../../local/gateway/http-status'
import { key, type Reply } from './support/api'
import { SIZES } from './support/config'
import { createDeal, P, place, placeAndPay, SHOP_A } from './support/fixtures'
import { sample } from './support/report'
import type { Suite } from './support/suite'

/**
 * Fuzz: events generated with fast-check for every function and action of core/contracts, sent through the
 * gateway as every kind of caller — fields of the wrong type, missing and extra fields, huge strings, unicode
 * (lone surrogates included), negative, fractional and enormous numbers, `__proto__`/`constructor` keys, Mongo
 * operators as values — plus malformed transport. Every reply is a well-formed envelope, never INTERNAL or a 500,
 * nothing is logged as an error, and a refused event writes nothing (checked against the database journal).
 */
const CALLERS: Record<string, string | null> = { anon: null, ...P }
const FORENSIC = new Set(['verify_attempts', 'rate_limits'])

/** Raw JSON values a client can send that JavaScript object literals cannot express (own `__proto__` keys). */
const j = (text: string): unknown => JSON.parse(text)

const HOSTILE: unknown[] = [
  null, true, false, 0, -0, -1, 0.5, -0.5, 1e-9, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, 8.64e15, 8.64e15 + 1, 1e300, -1e300,
  '', ' ', '0', '-1', '1e309', 'NaN', 'null', '\u0000', '\ud800', '\udfff\ud800', '😀'.repeat(40), '團購\u202e\u200b', '$gt', 'a.b', '$where',
  'x'.repeat(70_000), '9'.repeat(64), '9999-99-99', '2025-02-30', '0000-00-00', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE orders; --",
  [], [null], [{}], ['$gt'], [{ $gt: '' }], {}, { $gt: '' }, { $ne: null }, { $in: [] }, { $regex: '.*' }, { $where: 'sleep(100)' },
  { $exists: true }, { $set: { status: 'paid' } }, { $inc: { stock: 1 } }, { 'a.b': 1 }, { '': 1 },
  j('{"__proto__":{"polluted":"yes"}}'), j('{"constructor":{"prototype":{"polluted":"yes"}}}'), j('{"__proto__":null}'),
  { toString: 'x', valueOf: 1, hasOwnProperty: 'y' },
]
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '$where', '$set', '_id', 'status', 'buyer', 'openid', 'userInfo', 'tcbContext', '', 'a.b', '\u0000']

type Mutation =
  | { kind: 'replace'; field: number; value: unknown }
  | { kind: 'drop'; field: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'input'; value: unknown }
  | { kind: 'deep'; field: number; value: unknown }
  | { kind: 'valid' }

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  fc.anything({ maxDepth: 2, withObjectString: true, withNullPrototype: true }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.string({ unit: 'binary', minLength: 6000, maxLength: 9000 }),
)
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), field: fc.nat(20), value: hostile }) },
  fc.record({ kind: fc.constant('drop' as const), field: fc.nat(20) }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), value: hostile }),
  fc.record({ kind: fc.constant('input' as const), value: hostile }),
  fc.record({ kind: fc.constant('deep' as const), field: fc.nat(20), value: hostile }),
  fc.constant({ kind: 'valid' as const }),
)

/** Builds the JSON text of an event; own `__proto__` keys are written as JSON, never as object prototypes. */
function mutate(base: Record<string, unknown>, m: Mutation): unknown {
  const input: Record<string, unknown> = JSON.parse(JSON.stringify(base))
  const keys = Object.keys(input)
  const pick = (i: number) => keys[i % Math.max(1, keys.length)]
  switch (m.kind) {
    case 'valid':
      return input
    case 'input':
      return m.value
    case 'drop':
      if (keys.length) delete input[pick(m.field)]
      return input
    case 'replace':
      if (keys.length) input[pick(m.field)] = m.value
      else Object.defineProperty(input, 'x', { value: m.value, enumerable: true, writable: true, configurable: true })
      return input
    case 'deep': {
      const k = pick(m.field)
      if (k && Array.isArray(input[k])) input[k] = [...(input[k] as unknown[]), m.value]
      else if (k) input[k] = [m.value]
      return input
    }
    case 'extra':
      Object.defineProperty(input, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
      return input
  }
}

export async function fuzz(s: Suite): Promise<void> {
  const api = s.api
  const now = Date.now()
  const DAY = 24 * 3600 * 1000
  const dealA = await createDeal(api, { stock: 5000, perUserLimit: 99, title: '可靠性·模糊' })
  const draft = await createDeal(api, { publish: false, title: '可靠性·模糊草稿' })
  const order = await placeAndPay(api, P.consumer, dealA, 5)
  const pending = (await place(api, P.consumer, dealA, 1)).body.data.id as string
  // Its own unpaid order for 取消订单: \`pending\` must stay unpaid for the forged callbacks below.
  const toCancel = (await place(api, P.consumer, dealA, 1)).body.data.id as string
  const share = await api.ok('promoters', 'share', { dealId: dealA }, P.promoter)
  const invite = await api.ok('shops', 'invite', { shopId: SHOP_A }, P.ownerA)
  const code = order.codes[0].code as string
  const day = new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10)

  /** A valid input per action, naming real objects, and the caller most likely to get past the role checks. */
  const BASE: Record<string, { input: Record<string, unknown>; as: string }> = {
    'deals.list': { input: { limit: 5, cursor: '0', shopId: SHOP_A }, as: 'anon' },
    'deals.get': { input: { id: draft }, as: 'ownerA' },
    'deals.listForShop': { input: { shopId: SHOP_A }, as: 'staffA' },
    'deals.create': { input: { shopId: SHOP_A, title: '模糊', images: ['/files/demo/latte-1.svg'], priceFen: 100, originalPriceFen: 200, stock: 5, perUserLimit: 1, saleStart: now, saleEnd: now + DAY, validStart: now, validEnd: now + 2 * DAY, rules: ['x'], description: 'd', commissionBps: 100, groupMin: 0, groupDeadline: now + DAY }, as: 'ownerA' },
    'deals.update': { input: { id: draft, title: '模糊改', priceFen: 150, saleEnd: now + 2 * DAY, rules: ['y'], images: ['/files/demo/latte-2.svg'] }, as: 'ownerA' },
    'deals.setStatus': { input: { id: draft, to: 'paused' }, as: 'ownerA' },
    'deals.adjustStock': { input: { id: dealA, delta: 1 }, as: 'ownerA' },
    'deals.buyers': { input: { dealId: dealA, groupCloudID: 'local:g1', limit: 5 }, as: 'anon' },
    'deals.page': { input: { id: draft, groupCloudID: 'local:g1' }, as: 'ownerA' },
    'deals.reviews': { input: { dealId: dealA, limit: 5 }, as: 'anon' },
    'deals.review': { input: { orderId: order.id, rating: 5, text: '好', photos: [] }, as: 'consumer' },
    'deals.replyReview': { input: { reviewId: order.id, text: '谢谢' }, as: 'staffA' },
    'shops.me': { input: {}, as: 'ownerA' },
    'shops.get': { input: { id: SHOP_A }, as: 'anon' },
    'shops.create': { input: { name: '模糊店', address: '地址', phone: '0755-1234567', hours: '全天', location: { lat: 22.5, lng: 113.9 } }, as: 'admin' },
    'shops.update': { input: { shopId: SHOP_A, hours: '周一至周日 09:00-22:00', location: { lat: 22.5186, lng: 113.9497 } }, as: 'ownerA' },
    'shops.invite': { input: { shopId: SHOP_A }, as: 'ownerA' },
    'shops.acceptInvite': { input: { code: invite.code, name: '模糊' }, as: 'ownerA' },
    'shops.members': { input: { shopId: SHOP_A }, as: 'staffA' },
    'shops.removeStaff': { input: { shopId: SHOP_A, openid: 'o_nobody' }, as: 'ownerA' },
    'shops.dashboard': { input: { shopId: SHOP_A }, as: 'staffA' },
    'shops.exportCsv': { input: { shopId: SHOP_A, from: day, to: day }, as: 'ownerA' },
    'shops.refundIssues': { input: { shopId: SHOP_A }, as: 'ownerA' },
    'shops.retryRefund': { input: { shopId: SHOP_A, refundNo: 'RAAAABBBBCCCC' }, as: 'ownerA' },
    'orders.place': { input: { dealId: dealA, qty: 1, idempotencyKey: 'fuzz-key-0001', phone: '13800000000', shareCode: share.shareCode, groupCloudID: 'local:g1', nickname: '模' }, as: 'other' },
    'orders.get': { input: { id: order.id }, as: 'consumer' },
    'orders.listMine': { input: { limit: 5, cursor: '0' }, as: 'consumer' },
    'orders.refund': { input: { orderId: order.id, codes: ['AAAA-BBBB-CCCC'] }, as: 'consumer' },
    'orders.cancel': { input: { orderId: toCancel }, as: 'consumer' },
    'orders.confirmReceipt': { input: { orderId: order.id }, as: 'consumer' },
    'orders.notifications': { input: {}, as: 'consumer' },
    'orders.groupCard': { input: { dealId: dealA, orderId: order.id }, as: 'consumer' },
    'payments.prepay': { input: { orderId: pending }, as: 'consumer' },
    'redemption.preview': { input: { code }, as: 'staffA' },
    'redemption.confirm': { input: { codes: ['AAAABBBBCCCC'], idempotencyKey: 'fuzz-key-0002' }, as: 'ownerA' },
    'redemption.undo': { input: { code }, as: 'staffA' },
    'redemption.history': { input: { shopId: SHOP_A, day, staff: P.staffA }, as: 'staffA' },
    'promoters.join': { input: { name: '推手' }, as: 'promoter' },
    'promoters.share': { input: { dealId: dealA, channel: 'poster' }, as: 'promoter' },
    'promoters.visit': { input: { shareCode: share.shareCode, groupCloudID: 'local:g1' }, as: 'other' },
    'promoters.center': { input: {}, as: 'promoter' },
    'promoters.earnings': { input: { dealIds: [dealA] }, as: 'promoter' },
    'promoters.withdraw': { input: { amountFen: 100_000_000, idempotencyKey: 'fuzz-key-0003' }, as: 'promoter' },
    'promoters.withdrawal': { input: { id: 'w_fuzz_missing' }, as: 'promoter' },
    'promoters.orders': { input: { limit: 5, cursor: '0' }, as: 'promoter' },
    'promoters.posterCode': { input: { shareCode: share.shareCode }, as: 'promoter' },
    'orders.messageTemplates': { input: {}, as: 'anon' },
    'orders.subscribe': { input: { accepted: ['paid', 'refunded'] }, as: 'consumer' },
    'shops.promoters': { input: { shopId: SHOP_A }, as: 'staffA' },
    'shops.reviewPromoter': { input: { shopId: SHOP_A, promoterId: P.promoter, decision: 'approved' }, as: 'ownerA' },
    'shops.settings': { input: { shopId: SHOP_A }, as: 'ownerA' },
    'shops.updateSettings': { input: { shopId: SHOP_A, staffSeeRevenue: false }, as: 'ownerA' },
  }
  const actions = Object.entries(contracts).flatMap(([fn, c]) => Object.keys(c).map((a) => `${fn}.${a}`))
  const noBase = actions.filter((a) => !BASE[a])
  if (noBase.length) throw new Error(`no fuzz base for ${noBase.join(', ')}`)

  type Event = { fn: string; body: string; as: string; label: string }
  const events: Event[] = []
  const arb = fc.tuple(mutation, fc.oneof({ weight: 2, arbitrary: fc.constant('best') }, fc.constantFrom(...Object.keys(CALLERS))), fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, fc.constantFrom(...HOSTILE_KEYS, 'toString', 'hasOwnProperty', '', 'list ', 'LIST')))
  for (const [i, a] of actions.entries()) {
    const [fn, action] = a.split('.')
    for (const [m, who, badAction] of fc.sample(arb, { seed: SIZES.seed + i, numRuns: SIZES.fuzzRuns })) {
      const as = who === 'best' ? BASE[a].as : who
      const event = { action: badAction ?? action, input: mutate(BASE[a].input, m) }
      events.push({ fn, body: JSON.stringify(event), as, label: `${a} ${m.kind}${badAction !== null ? ` action=${JSON.stringify(badAction)}` : ''}` })
    }
    // Every field of the base input through the deterministic list of hostile values, as the best-placed caller.
    for (const field of Object.keys(BASE[a].input)) {
      for (const value of HOSTILE) {
        events.push({ fn, body: JSON.stringify({ action, input: { ...BASE[a].input, [field]: value } }), as: BASE[a].as, label: `${a} ${field}=${JSON.stringify(value)?.slice(0, 40)}` })
      }
    }
    // Top-level extras around a valid input.
    for (const k of HOSTILE_KEYS) {
      const e: Record<string, unknown> = { action, input: BASE[a].input }
      Object.defineProperty(e, k, { value: { polluted: 'yes', openId: P.admin }, enumerable: true, writable: true, configurable: true })
      events.push({ fn, body: JSON.stringify(e), as: BASE[a].as, label: `${a} event.${k}` })
    }
  }

  const bad: string[] = []
  const wrote: string[] = []
  let refused = 0
  let accepted = 0
  const errMark = s.errors.mark()
  s.journal.changes()
  for (const e of events) {
    const before = s.errors.mark()
    const r = await api.post(`/fn/${e.fn}`, e.body, CALLERS[e.as] ? { 'x-tuanka-openid': CALLERS[e.as]! } : {})
    const problem = envelopeProblem(r)
    if (problem) bad.push(`${e.label} as ${e.as}: ${problem}`)
    if (s.errors.mark() > before) bad.push(`${e.label} as ${e.as}: logged ${s.errors.since(before)[0].slice(0, 160)}`)
    const changes = s.journal.changes().filter((c) => !(e.fn === 'redemption' && FORENSIC.has(c.coll)))
    if (r.body?.ok === true) {
      accepted++
      continue
    }
    refused++
    if (changes.length) wrote.push(`${e.label} as ${e.as} → ${r.body?.code}: wrote ${changes.slice(0, 3).map((c) => `${c.coll}/${c.id}`).join(', ')}`)
  }
  s.report.row(
    'fuzz: generated events for every action → no INTERNAL, no 500, every reply a well-formed envelope, nothing logged',
    `${events.length} events over ${actions.length} actions (seed ${SIZES.seed}; ${accepted} accepted, ${refused} refused)`,
    bad.length === 0,
    `${sample([...new Set(bad.map((b) => b.split(' as ')[0].replace(/=.*/, '')))], 40)}; ${sample(bad, 4)}; logged: ${sample(s.errors.since(errMark).map((l) => l.slice(0, 300)), 2)}`,
  )
  s.report.row('fuzz: a refused event writes nothing (journal, net of writes put back)', `${refused} refused events`, wrote.length === 0, sample(wrote, 6))

  await transport(s)
  await identity(s, order.id)
  await forgedCallbacks(s, pending)
  const proto = Object.prototype as Record<string, unknown>
  const polluted = ['polluted', 'openId'].filter((k) => k in proto || k in Object)
  s.report.row('fuzz: nothing reached Object.prototype in the gateway process', `${events.length} events`, polluted.length === 0, polluted.join(', '))
}

function envelopeProblem(r: Reply): string | null {
  if (r.status === 0) return `no answer (${r.error})`
  if (r.status >= 500) return `HTTP ${r.status} ${r.text.slice(0, 120)}`
  const b = r.body
  if (!b || typeof b !== 'object') return `not JSON: ${r.text.slice(0, 80)}`
  if (b.ok === true) return 'data' in b ? null : 'ok without data'
  if (b.ok !== false || typeof b.code !== 'string' || typeof b.message !== 'string') return `not an envelope: ${r.text.slice(0, 120)}`
  if (b.code === 'INTERNAL') return 'INTERNAL'
  if (!isErrorCode(b.code) && b.code !== 'METHOD_NOT_ALLOWED' && b.code !== 'NOT_FOUND') return `unknown code ${b.code}`
  if (r.status !== httpStatusFor(b)) return `HTTP ${r.status} for ${b.code}`
  if ('data' in b) return 'refusal carries data'
  return null
}

/** Malformed requests: the gateway refuses them with an envelope before any function runs, writing nothing. */
async function transport(s: Suite): Promise<void> {
  const api = s.api
  const cases: { label: string; path: string; body: string; headers?: Record<string, string>; want: string }[] = [
    { label: 'empty body', path: '/fn/deals', body: '', want: 'UNKNOWN_ACTION' },
    { label: 'not JSON', path: '/fn/deals', body: '{"action":', want: 'BAD_JSON' },
    { label: 'JSON string', path: '/fn/orders', body: '"place"', want: 'INVALID_INPUT' },
    { label: 'JSON array', path: '/fn/orders', body: '[{"action":"place"}]', want: 'INVALID_INPUT' },
    { label: 'JSON null', path: '/fn/shops', body: 'null', want: 'INVALID_INPUT' },
    { label: 'deep nesting', path: '/fn/deals', body: `{"action":"list","input":${'['.repeat(5000)}${']'.repeat(5000)}}`, want: 'INVALID_INPUT' },
    { label: 'over 100 KB', path: '/fn/orders', body: JSON.stringify({ action: 'place', input: { dealId: 'x'.repeat(120_000) } }), want: 'PAYLOAD_TOO_LARGE' },
    { label: 'unknown function', path: '/fn/admin', body: '{}', want: 'UNKNOWN_FUNCTION' },
    { label: 'function __proto__', path: '/fn/__proto__', body: '{}', want: 'UNKNOWN_FUNCTION' },
    { label: 'function constructor', path: '/fn/constructor', body: '{}', want: 'UNKNOWN_FUNCTION' },
    { label: 'function hasOwnProperty', path: '/fn/hasOwnProperty', body: '{}', want: 'UNKNOWN_FUNCTION' },
    { label: 'encoded path', path: '/fn/%2e%2e%2Fdeals', body: '{}', want: 'UNKNOWN_FUNCTION' },
    { label: 'identity header with operators', path: '/fn/shops', body: '{"action":"me"}', headers: { 'x-tuanka-openid': '{"$ne":null}' }, want: 'INVALID_INPUT' },
    { label: 'identity header too long', path: '/fn/shops', body: '{"action":"me"}', headers: { 'x-tuanka-openid': 'o'.repeat(65) }, want: 'INVALID_INPUT' },
    { label: 'action missing', path: '/fn/deals', body: '{"input":{}}', want: 'UNKNOWN_ACTION' },
    { label: 'action not a string', path: '/fn/deals', body: '{"action":{"$gt":""}}', want: 'UNKNOWN_ACTION' },
  ]
  const bad: string[] = []
  s.journal.changes()
  for (const c of cases) {
    const r = await api.post(c.path, c.body, c.headers)
    const problem = envelopeProblem(r)
    if (problem || r.body?.code !== c.want) bad.push(`${c.label}: ${problem ?? `${r.body?.code}, wanted ${c.want}`}`)
    if (s.journal.changes().length) bad.push(`${c.label}: wrote`)
  }
  s.report.row('fuzz: malformed transport (bad JSON, non-objects, 5000-deep nesting, >100 KB, odd function names, bad identity header) → the right refusal, nothing written', `${cases.length} requests`, bad.length === 0, sample(bad))
}

/** Identity comes only from the platform context: fields in the event that look like identity change nothing. */
async function identity(s: Suite, consumerOrder: string): Promise<void> {
  const spoof = { userInfo: { openId: P.admin, appId: 'wx' }, tcbContext: { WX_OPENID: P.admin } }
  const me = await s.api.call('shops', { action: 'me', input: {}, ...spoof })
  const foreign = await s.api.call('orders', { action: 'get', input: { id: consumerOrder }, userInfo: { openId: P.consumer } }, P.other)
  const create = await s.api.call('shops', { action: 'create', input: { name: 'x', address: 'y', phone: '0755-1234567', hours: 'z' }, ...spoof }, P.other)
  const held = me.body?.data?.openid === null && me.body?.data?.isAdmin === false && foreign.body?.code === 'ORDER_NOT_FOUND' && create.body?.code === 'FORBIDDEN'
  s.report.row('fuzz: identity cannot be injected through the event (userInfo, tcbContext)', '3 spoofed calls', held, `${me.text}; ${foreign.text}; ${create.text}`)
}

/** WeChat Pay's callback door of `payments` is reachable by anyone calling the function: forged callbacks must fail. */
async function forgedCallbacks(s: Suite, pendingOrder: string): Promise<void> {
  const forged = [
    { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: pendingOrder, transactionId: 'forged1', totalFee: 1990, openid: P.consumer, timeEnd: '20250101000000' },
    { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: pendingOrder, transactionId: 'forged2', totalFee: 1990, sign: 'f'.repeat(64) },
    { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: pendingOrder, transactionId: 'forged3', totalFee: 1990, sign: { $ne: null } },
    { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: { $gt: '' }, transactionId: 'forged4', totalFee: 1 },
    { returnCode: 'SUCCESS', outTradeNo: pendingOrder, sign: 'x'.repeat(64) },
  ]
  const bad: string[] = []
  s.journal.changes()
  for (const [i, e] of forged.entries()) {
    const r = await s.api.call('payments', e, i % 2 ? P.consumer : null)
    if (r.body?.ok === true || r.body?.errcode === 0) bad.push(`forged callback ${i} accepted: ${r.text}`)
    if (s.journal.changes().length) bad.push(`forged callback ${i} wrote`)
  }
  const order = await s.api.ok('orders', 'get', { id: pendingOrder }, P.consumer)
  if (order.state !== 'pending_payment') bad.push(`order became ${order.state}`)
  s.report.row('fuzz: forged WeChat Pay callbacks through the gateway are refused and write nothing', `${forged.length} callbacks`, bad.length === 0, sample(bad))
  void key
}
