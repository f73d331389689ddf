/** Plain-data helpers. Stored documents are never mutated in place: every write clones, changes, then swaps. */
export type Doc = Record<string, unknown>

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Deep copy of plain objects, arrays and Dates; BSON value classes (immutable) are shared. */
export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = deepClone(v[k])
    return out as T
  }
  return v
}

/** Rebuilds plain objects/arrays bottom-up, letting `leaf` replace any node (returning undefined keeps it). */
export function mapDeep(v: unknown, leaf: (x: unknown) => unknown): unknown {
  const replaced = leaf(v)
  if (replaced !== undefined) return replaced
  if (Array.isArray(v)) return v.map((x) => mapDeep(x, leaf))
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = mapDeep(v[k], leaf)
    return out
  }
  return v
}
