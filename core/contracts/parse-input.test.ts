import fc from 'fast-check'
import * as v from 'valibot'
import { contracts } from './index'
import type { AnySpec } from './action'
import { isPlainObject, nonObjectAt, parseInput, UNSUPPORTED_SCHEMAS } from './parse-input'

type Node = { type: string; entries?: Record<string, Node>; wrapped?: Node; item?: Node; items?: Node[]; value?: Node; options?: unknown[] }

const actions = Object.entries(contracts).flatMap(([fn, c]) =>
  Object.entries(c as Record<string, AnySpec>).map(([name, spec]) => ({ id: `${fn}.${name}`, schema: spec.input })),
)

/** Every schema type used anywhere in the contracts, and the dotted paths whose schema is an object (root = ''). */
function walk(s: Node, path: string[], types: Set<string>, objects: string[]) {
  types.add(s.type)
  if (s.wrapped) walk(s.wrapped, path, types, objects)
  if (s.item) walk(s.item, [...path, '0'], types, objects)
  if (s.entries) {
    objects.push(path.join('.'))
    for (const [k, e] of Object.entries(s.entries)) walk(e, [...path, k], types, objects)
  }
}
const shapes = actions.map((a) => {
  const types = new Set<string>()
  const objects: string[] = []
  walk(a.schema as unknown as Node, [], types, objects)
  return { ...a, types, objects }
})

/** Non-objects as JSON can carry them: arrays (empty, nested, of objects), null, primitives. */
const nonObject = fc.oneof(
  fc.constantFrom<unknown>([], [[]], [[[]]], [{}], [{ a: 1 }], [null], null, 0, -1, 1.5, true, false, '', 'x', '{}', '[]'),
  fc.array(fc.jsonValue(), { maxLength: 4 }),
  fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null)),
)

describe('plain objects where the contracts have objects', () => {
  it('knows every schema kind the contracts use (no union, variant, lazy: the rule could not place their objects)', () => {
    const used = new Set(shapes.flatMap((s) => [...s.types]))
    expect([...used].filter((t) => UNSUPPORTED_SCHEMAS.has(t))).toEqual([])
    expect(used.has('strict_object')).toBe(true)
  })

  it('finds the nested objects (shops.create/update location, shops.update promoterPolicy) as well as every root', () => {
    const nested = shapes.flatMap((s) => s.objects.filter(Boolean).map((p) => `${s.id}:${p}`))
    expect(nested).toEqual(expect.arrayContaining(['shops.create:location', 'shops.update:location', 'shops.update:promoterPolicy']))
    expect(shapes.every((s) => s.objects.includes(''))).toBe(true)
  })

  it('refuses a non-object as the input of every action, even the all-optional ones valibot alone lets through', () => {
    const allOptional = shapes.filter((s) => v.safeParse(s.schema, {}).success).map((s) => s.id)
    expect(allOptional).toEqual(expect.arrayContaining(['shops.me', 'deals.list', 'orders.notifications', 'promoters.center']))
    // What the rule exists for: valibot 1.x object schemas take an array for an object.
    expect(allOptional.filter((id) => v.safeParse(shapes.find((s) => s.id === id)!.schema, []).success)).toEqual(allOptional)
    fc.assert(
      fc.property(fc.constantFrom(...shapes), nonObject, (s, x) => {
        expect(parseInput(s.schema, x)).toEqual({ ok: false, path: '' })
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses a non-object at every nested object position, naming it, whatever the other fields hold', () => {
    const positions = shapes.flatMap((s) => s.objects.filter(Boolean).map((p) => ({ schema: s.schema, path: p })))
    fc.assert(
      fc.property(fc.constantFrom(...positions), nonObject, fc.dictionary(fc.constantFrom('shopId', 'name', 'hours'), fc.jsonValue(), { maxKeys: 3 }), (pos, x, others) => {
        // A nullable position (location) takes null to mean "clear it": null there is valibot's call, not this rule's.
        fc.pre(!(x === null && pos.path === 'location'))
        const input = { ...others, [pos.path]: x }
        expect(parseInput(pos.schema, input)).toEqual({ ok: false, path: pos.path })
      }),
      { numRuns: 1000 },
    )
  })

  it('reads a real shops.update and a cleared location as before', () => {
    const schema = contracts.shops.update.input
    const input = { shopId: 'shop_a', name: '新名字', location: null, promoterPolicy: { holdDays: 3 } }
    expect(parseInput(schema, input)).toEqual({ ok: true, output: input })
    expect(parseInput(schema, { ...input, promoterPolicy: [] })).toEqual({ ok: false, path: 'promoterPolicy' })
    expect(parseInput(schema, { ...input, location: [22.5, 113.9] })).toEqual({ ok: false, path: 'location' })
    expect(parseInput(schema, { ...input, promoterPolicy: { holdDays: [3] } })).toEqual({ ok: false, path: 'promoterPolicy.holdDays' })
  })

  it('looks inside arrays, records and tuples, and leaves other schemas alone', () => {
    const s = v.strictObject({
      list: v.array(v.strictObject({ a: v.number() })),
      map: v.record(v.string(), v.strictObject({ b: v.number() })),
      pair: v.tuple([v.string(), v.strictObject({ c: v.number() })]),
      loose: v.object({ d: v.optional(v.number()) }),
    })
    expect(nonObjectAt(s, { list: [{ a: 1 }, []], map: {}, pair: ['x', {}], loose: {} })).toEqual(['list', 1])
    expect(nonObjectAt(s, { list: [], map: { k: [] }, pair: ['x', {}], loose: {} })).toEqual(['map', 'k'])
    expect(nonObjectAt(s, { list: [], map: {}, pair: ['x', [1]], loose: {} })).toEqual(['pair', 1])
    expect(nonObjectAt(s, { list: [], map: {}, pair: ['x', {}], loose: [] })).toEqual(['loose'])
    expect(nonObjectAt(s, { list: 'not an array', map: {}, pair: ['x', {}], loose: { extra: [] } })).toBeNull()
    expect(() => nonObjectAt(v.strictObject({ u: v.union([v.string(), v.strictObject({})]) }), { u: [] })).toThrow(/union/)
  })

  it('counts as plain only what JSON.parse makes of {...}', () => {
    expect([{}, Object.create(null), JSON.parse('{"__proto__":{"x":1}}')].every(isPlainObject)).toBe(true)
    expect([[], null, undefined, 0, '', new Date(0), new (class X {})(), () => 1].some(isPlainObject)).toBe(false)
  })
})
