import fc from 'fast-check'
import { contracts } from '../../core/contracts'
import type { AnySpec } from '../../core/contracts/action'
import { messageFor } from '../../core/errors'
import { DEMO_ADMIN_OPENID, openidOf } from '../../local/seed/personas'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

/**
 * Strict contracts, fuzzed through the gateway: for every action of every function (read from core/contracts),
 * arrays, null, primitives and junk as `input`, as the event itself, and in every object-typed field of the input.
 * Each must answer 400 `{ ok: false, code: 'INVALID_INPUT', message }` before any handler runs: not one database
 * round trip (the local server counts them), nothing logged, and the documents unchanged.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const OWNER = openidOf('owner')
const SHOP = 'shop_shiguang'
const SEED = 20_261_123

/** Inputs the named caller would see accepted, for the actions with objects inside their input (their positions are fuzzed). */
const BASE: Record<string, { input: Record<string, unknown>; as: string }> = {
  'shops.create': { input: { name: '严格店', address: '科技园一路 1 号', phone: '0755-1234567', hours: '全天', location: { lat: 22.5, lng: 113.9 } }, as: DEMO_ADMIN_OPENID },
  'shops.update': { input: { shopId: SHOP, name: '拾光咖啡·新', promoterPolicy: { holdDays: 2 }, location: { lat: 22.5, lng: 113.9, name: '科技园' } }, as: OWNER },
  'deals.list': { input: { near: { lat: 22.5186, lng: 113.9497 }, q: '拿铁', category: 'drinks', limit: 5 }, as: OWNER },
}

type Node = { type: string; entries?: Record<string, Node>; wrapped?: Node }
/** Dotted paths below the root whose schema is an object, and whether null is allowed there. */
function nestedObjects(s: Node, path: string[] = [], nullable = false): { path: string; nullable: boolean }[] {
  if (s.wrapped) return nestedObjects(s.wrapped, path, nullable || s.type === 'nullable' || s.type === 'nullish')
  if (!s.entries) return []
  const here = path.length ? [{ path: path.join('.'), nullable }] : []
  return [...here, ...Object.entries(s.entries).flatMap(([k, e]) => nestedObjects(e, [...path, k]))]
}

const NON_OBJECTS: unknown[] = [[], [[]], [[[]]], [{}], [{ a: 1 }], [null], ['x'], [1, 2], null, true, false, 0, -1, 1.5, '', 'x', '{}']
/** Junk for `input`: arrays of anything JSON holds, JSON scalars, or objects whose keys no contract declares. */
const junkInput = fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null)),
  fc.dictionary(fc.string({ maxLength: 10 }).map((k) => `~${k}`), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
)
const junkEvent = (event: Record<string, unknown>) =>
  fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((a) => [...a, event]),
    fc.oneof(fc.integer(), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null)),
    fc.dictionary(fc.string({ maxLength: 10 }).map((k) => `~${k}`), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 }).map((extra) => ({ ...event, ...extra })),
  )

interface Case {
  label: string
  body: unknown
  as: string
  /** The exact message, or null when only the code is fixed (which field valibot names first is its business). */
  message: string | null
}

function casesFor(fn: string, action: string, spec: AnySpec, index: number): Case[] {
  const id = `${fn}.${action}`
  const base = BASE[id]
  const as = base?.as ?? OWNER
  const event = { action, input: base?.input ?? {} }
  const cases: Case[] = []
  for (const x of NON_OBJECTS) cases.push({ label: `input=${JSON.stringify(x)}`, body: { action, input: x }, as, message: messageFor('INVALID_INPUT') })
  for (const x of fc.sample(junkInput, { seed: SEED + index, numRuns: 12 })) cases.push({ label: `input=junk ${JSON.stringify(x).slice(0, 60)}`, body: { action, input: x }, as, message: null })
  for (const x of [[event], [[event]], [], null, 0, 'x', true, JSON.stringify(event)]) cases.push({ label: `event=${JSON.stringify(x).slice(0, 60)}`, body: x, as, message: null })
  for (const x of fc.sample(junkEvent(event), { seed: SEED + 1000 + index, numRuns: 8 })) cases.push({ label: `event=junk ${JSON.stringify(x).slice(0, 60)}`, body: x, as, message: null })
  for (const pos of nestedObjects(spec.input as unknown as Node)) {
    if (!base) throw new Error(`${id} has an object at ${pos.path}: give it a BASE input so that position can be fuzzed`)
    const values: unknown[] = [[], [{}], [[]], [[[]]], [base.input[pos.path]], 'x', 0, true, ...(pos.nullable ? [] : [null])]
    for (const x of values) {
      cases.push({ label: `${pos.path}=${JSON.stringify(x)}`, body: { action, input: { ...base.input, [pos.path]: x } }, as, message: `${messageFor('INVALID_INPUT')}：${pos.path}` })
    }
  }
  return cases
}

const byFunction = Object.entries(contracts).map(([fn, contract], f) => {
  const actions = Object.entries(contract as Record<string, AnySpec>)
  const cases = actions.flatMap(([action, spec], a) => casesFor(fn, action, spec, f * 100 + a).map((c) => ({ ...c, id: `${fn}.${action}` })))
  return { fn, actions: actions.length, cases }
})
const totalActions = byFunction.reduce((n, f) => n + f.actions, 0)
const totalCases = byFunction.reduce((n, f) => n + f.cases.length, 0)

describe(`strict contracts: ${totalActions} actions, ${totalCases} hostile requests`, () => {
  it.each(byFunction.map((f) => [f.fn, f.actions, f.cases.length, f.cases] as const))(
    '%s: %i actions × their cases = %i requests, each refused INVALID_INPUT before the database',
    async (fn, _actions, _n, cases) => {
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      const before = await snapshotDb()
      const bad: string[] = []
      try {
        for (const c of cases) {
          const trips = t.stack.db.stats().requests
          const res = await t.raw(fn, { body: JSON.stringify(c.body), headers: { 'x-tuanka-openid': c.as } })
          const b = res.body
          const envelope = b && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).sort().join() === 'code,message,ok' && b.ok === false
          if (res.status !== 400 || !envelope || b.code !== 'INVALID_INPUT' || typeof b.message !== 'string') bad.push(`${c.id} ${c.label}: ${res.status} ${JSON.stringify(b).slice(0, 120)}`)
          else if (c.message !== null && b.message !== c.message) bad.push(`${c.id} ${c.label}: message ${b.message}`)
          if (t.stack.db.stats().requests !== trips) bad.push(`${c.id} ${c.label}: reached the database`)
        }
        expect(bad).toEqual([])
        expect(errors).not.toHaveBeenCalled()
      } finally {
        errors.mockRestore()
      }
      expect(await snapshotDb()).toEqual(before)
    },
  )

  it('the fuzzed positions hold real inputs: the same requests, unbroken, are accepted', async () => {
    for (const [id, base] of Object.entries(BASE)) {
      const [fn, action] = id.split('.')
      const res = await t.call(fn, { action, input: base.input }, base.as)
      expect([id, res.body.ok]).toEqual([id, true])
    }
  })

  it('shops.update with promoterPolicy: [] beside a new name changes nothing at all', async () => {
    const get = async () => (await t.call('shops', { action: 'get', input: { id: SHOP } })).body.data
    const shop = await get()
    const res = await t.call('shops', { action: 'update', input: { shopId: SHOP, name: '不该生效', promoterPolicy: [] } }, OWNER)
    expect([res.status, res.body]).toEqual([400, { ok: false, code: 'INVALID_INPUT', message: '输入内容有误：promoterPolicy' }])
    expect(await get()).toEqual(shop)
  })
})
