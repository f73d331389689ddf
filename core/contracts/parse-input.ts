import * as v from 'valibot'

/**
 * The one way an action's input is read. valibot's object schemas (strictObject included, in 1.x) accept any
 * `typeof x === 'object'` value, so an array where an object is expected passed as an empty object (`input: []`
 * on an all-optional action, `promoterPolicy: []` beside a real change). Here every position whose schema is an
 * object must hold a plain object before valibot runs; the contracts stay plain valibot, nested objects included.
 */

/** A plain object: what JSON.parse makes of `{...}` (no array, no class instance, no null). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false
  const proto = Object.getPrototypeOf(x)
  return proto === Object.prototype || proto === null
}

type Node = {
  type: string
  entries?: Record<string, Node>
  wrapped?: Node
  item?: Node
  items?: Node[]
  rest?: Node
  value?: Node
}

type PathKey = string | number

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable', 'non_optional', 'non_nullable', 'non_nullish'])
const TAKES_UNDEFINED = new Set(['optional', 'exact_optional', 'undefinedable', 'nullish'])
const TAKES_NULL = new Set(['nullable', 'nullish'])
const OBJECTS = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest'])
const TUPLES = new Set(['tuple', 'strict_tuple', 'loose_tuple', 'tuple_with_rest'])
/** Schemas whose nested objects this rule cannot place without trying each branch: refused in contracts (a core test walks them all). */
export const UNSUPPORTED_SCHEMAS = new Set(['union', 'variant', 'intersect', 'lazy', 'map', 'set'])

const own = (o: object, k: PathKey) => Object.prototype.hasOwnProperty.call(o, k)

/** Where `value` holds something other than a plain object although `schema` wants an object there; null when nowhere. */
export function nonObjectAt(schema: v.GenericSchema, value: unknown, path: PathKey[] = []): PathKey[] | null {
  const s = schema as unknown as Node
  if (UNSUPPORTED_SCHEMAS.has(s.type)) throw new Error(`contract schema "${s.type}" at ${path.join('.') || 'input'} is not covered by the plain-object rule`)
  if (WRAPPERS.has(s.type)) {
    // An absent optional field or the null of a nullable one is what the wrapper allows; valibot reads it.
    if ((value === undefined && TAKES_UNDEFINED.has(s.type)) || (value === null && TAKES_NULL.has(s.type))) return null
    return nonObjectAt(s.wrapped as never, value, path)
  }
  if (OBJECTS.has(s.type) || s.type === 'record') {
    if (!isPlainObject(value)) return path
    for (const k of Object.keys(value)) {
      const sub = s.type === 'record' ? s.value : s.entries && own(s.entries, k) ? s.entries[k] : s.rest
      const found = sub ? nonObjectAt(sub as never, value[k], [...path, k]) : null
      if (found) return found
    }
    return null
  }
  if (s.type === 'array' && Array.isArray(value)) {
    for (const [i, x] of value.entries()) {
      const found = nonObjectAt(s.item as never, x, [...path, i])
      if (found) return found
    }
  }
  if (TUPLES.has(s.type) && Array.isArray(value)) {
    for (const [i, x] of value.entries()) {
      const sub = s.items && i < s.items.length ? s.items[i] : s.rest
      const found = sub ? nonObjectAt(sub as never, x, [...path, i]) : null
      if (found) return found
    }
  }
  return null
}

export type InputParse<T> = { ok: true; output: T } | { ok: false; path: string }

/** Reads an action's input: plain objects where the schema has objects, then the schema itself. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): InputParse<v.InferOutput<S>> {
  const misplaced = nonObjectAt(schema, input)
  if (misplaced) return { ok: false, path: misplaced.map(String).join('.') }
  const parsed = v.safeParse(schema, input)
  if (parsed.success) return { ok: true, output: parsed.output }
  return { ok: false, path: parsed.issues[0].path?.map((p) => String(p.key)).join('.') ?? '' }
}
