import type { SortSpec } from './query'
import { isPlainObject, type Doc } from './values'

/**
 * In-memory secondary indexes. They only ever narrow the set of documents a query looks at: mingo still applies
 * the whole filter, sort, skip and limit to what they return, so a result is the one a full scan gives.
 *
 * An index on fields [f1, ..., fn] keeps hash buckets for the leading fields: for f1, (f1, f2), ... up to
 * (f1 ... fn-1) (just f1 for a one-field index). A bucket holds document keys, never copies. The deepest buckets
 * of a multi-field index also keep their documents ordered by the last field when it holds a Date, so a query
 * pinning the leading fields by equality and sorting on the last one reads only the first `skip + limit`
 * matches (plus ties) instead of the whole bucket.
 *
 * A value that cannot be hashed faithfully to mingo's equality (arrays, objects, ObjectIds, NaN, a path through
 * an array) puts the document in the index's "always look" set for that depth instead: it is a candidate for
 * every query the index serves.
 */

export interface IndexFieldSpec {
  field: string
  /** '2dsphere' declares a geo index: it is not hashed, it names the location field of `$geoNear`. */
  direction?: 'asc' | 'desc' | 1 | -1 | '2dsphere'
}

export interface IndexSpec {
  name: string
  fields: readonly IndexFieldSpec[]
  unique?: boolean
}

/** collection → its indexes (the shape of cloudfunctions/indexes.ts). */
export type IndexList = Readonly<Record<string, readonly IndexSpec[]>>

/** What the store tells the planner about one collection. */
export interface DocSource {
  get(key: string): Doc | undefined
  /** The document's position in natural (insertion) order. */
  ord(key: string): number
  size(): number
}

/** Candidates for a query: document keys in natural order, a superset of the matches (for the asked window). */
export interface IndexPlan {
  index: string
  keys: string[]
}

export interface PlanHints {
  sort?: SortSpec
  /** skip + limit: only this many matches in sort order are needed (plus ties). */
  need?: number
  /** The full filter, used while walking an ordered bucket to count matches. */
  test?: (doc: Doc) => boolean
}

const UNKEYABLE = Symbol('unkeyable')
type Key = string | typeof UNKEYABLE

/** Hash key of a stored or queried value; equal keys ⇔ mingo equality for these types. */
function valueKey(v: unknown): Key {
  if (v === undefined || v === null) return 'z'
  switch (typeof v) {
    case 'string':
      return `s${v}`
    case 'number':
      return Number.isNaN(v) ? UNKEYABLE : `n${v === 0 ? 0 : v}`
    case 'boolean':
      return v ? 't' : 'f'
    default:
      if (v instanceof Date) {
        const t = v.getTime()
        return Number.isNaN(t) ? UNKEYABLE : `d${t}`
      }
      return UNKEYABLE
  }
}

/** Key of a query's equality value; null/missing is not served (mingo's null matches missing fields too). */
function queryKey(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  const k = valueKey(v)
  return k === UNKEYABLE ? undefined : k
}

/** The value at a dotted path, resolved through plain objects only; UNKEYABLE through arrays or other objects. */
function resolvePath(doc: Doc, path: readonly string[]): unknown | typeof UNKEYABLE {
  let cur: unknown = doc
  for (const seg of path) {
    if (isPlainObject(cur)) {
      cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined
    } else if (cur === undefined || cur === null || typeof cur !== 'object') {
      return undefined
    } else {
      return UNKEYABLE
    }
  }
  return cur
}

function fieldKey(doc: Doc, path: readonly string[]): Key {
  const v = resolvePath(doc, path)
  return v === UNKEYABLE ? UNKEYABLE : valueKey(v)
}

/** Sort value for an ordered bucket: Dates only (other values go to the bucket's unordered set). */
function sortValue(doc: Doc, path: readonly string[]): number | undefined {
  const v = resolvePath(doc, path)
  if (!(v instanceof Date)) return undefined
  const t = v.getTime()
  return Number.isNaN(t) ? undefined : t
}

const compose = (parts: readonly string[]): string => parts.map((p) => `${p.length}:${p}`).join('')

interface Entry {
  t: number
  k: string
}

/** One hash bucket; with `ordered`, its members with a Date in the next field are also kept sorted by it. */
class Bucket {
  /** key → its entry in the sorted list (ordered buckets with a Date), or null. */
  readonly members = new Map<string, Entry | null>()
  /** Members without a usable sort value (ordered buckets only). */
  readonly unordered = new Set<string>()
  private sorted: Entry[] = []
  private pending: Entry[] = []
  private stale = 0

  constructor(private readonly sortPath: readonly string[] | undefined) {}

  add(k: string, doc: Doc): void {
    if (!this.sortPath) {
      this.members.set(k, null)
      return
    }
    const t = sortValue(doc, this.sortPath)
    if (t === undefined) {
      this.members.set(k, null)
      this.unordered.add(k)
      return
    }
    const e = { t, k }
    this.members.set(k, e)
    this.pending.push(e)
  }

  remove(k: string): void {
    const e = this.members.get(k)
    this.members.delete(k)
    if (e) this.stale++
    else this.unordered.delete(k)
  }

  get size(): number {
    return this.members.size
  }

  /** Ascending by sort value; entries of removed or moved documents are dropped here, lazily. */
  ordered(): Entry[] {
    if (this.pending.length === 0 && this.stale === 0) return this.sorted
    const live = (e: Entry) => this.members.get(e.k) === e
    const add = this.pending.filter(live).sort((a, b) => a.t - b.t)
    const out: Entry[] = []
    let i = 0
    for (const e of this.sorted) {
      if (!live(e)) continue
      while (i < add.length && add[i].t < e.t) out.push(add[i++])
      out.push(e)
    }
    while (i < add.length) out.push(add[i++])
    this.sorted = out
    this.pending = []
    this.stale = 0
    return out
  }
}

/** One declared index over one collection. */
class Index {
  readonly paths: string[][]
  /** How many leading fields have hash buckets. */
  readonly depth: number
  /** levels[d-1]: composite key of the first d fields → bucket. */
  private readonly levels: Map<string, Bucket>[]
  /** always[d-1]: documents whose first d fields cannot all be hashed. */
  private readonly always: Set<string>[]

  constructor(readonly spec: IndexSpec) {
    this.paths = spec.fields.map((f) => f.field.split('.'))
    this.depth = Math.max(1, spec.fields.length - 1)
    this.levels = Array.from({ length: this.depth }, () => new Map())
    this.always = Array.from({ length: this.depth }, () => new Set())
  }

  get sortField(): string | undefined {
    return this.spec.fields.length > 1 ? this.spec.fields[this.depth].field : undefined
  }

  add(k: string, doc: Doc): void {
    this.each(doc, (d, key) => {
      if (key === undefined) {
        this.always[d].add(k)
        return
      }
      let b = this.levels[d].get(key)
      if (!b) {
        b = new Bucket(d === this.depth - 1 && this.spec.fields.length > 1 ? this.paths[this.depth] : undefined)
        this.levels[d].set(key, b)
      }
      b.add(k, doc)
    })
  }

  remove(k: string, doc: Doc): void {
    this.each(doc, (d, key) => {
      if (key === undefined) {
        this.always[d].delete(k)
        return
      }
      const b = this.levels[d].get(key)
      if (!b) return
      b.remove(k)
      if (b.size === 0) this.levels[d].delete(key)
    })
  }

  /** Calls `fn(level, compositeKey | undefined-when-unkeyable)` for each hashed depth. */
  private each(doc: Doc, fn: (d: number, key: string | undefined) => void): void {
    const parts: string[] = []
    let broken = false
    for (let d = 0; d < this.depth; d++) {
      if (!broken) {
        const k = fieldKey(doc, this.paths[d])
        if (k === UNKEYABLE) broken = true
        else parts.push(k)
      }
      fn(d, broken ? undefined : compose(parts))
    }
  }

  /** Buckets for the query's pinned prefix, or undefined when the query does not pin the first field. */
  lookup(criteria: Doc): { depth: number; buckets: Bucket[]; always: Set<string>; count: number } | undefined {
    let combos: string[][] = [[]]
    let depth = 0
    for (let d = 0; d < this.depth; d++) {
      const ks = equalityKeys(criteria, this.spec.fields[d].field)
      if (!ks) break
      const next: string[][] = []
      for (const c of combos) for (const k of ks) next.push([...c, k])
      if (next.length > 256) break
      combos = next
      depth = d + 1
    }
    if (depth === 0) return undefined
    const buckets: Bucket[] = []
    for (const c of combos) {
      const b = this.levels[depth - 1].get(compose(c))
      if (b) buckets.push(b)
    }
    const always = this.always[depth - 1]
    return { depth, buckets, always, count: buckets.reduce((n, b) => n + b.size, always.size) }
  }
}

/**
 * The equality constraints a query puts on `field`: hash keys of the values it must equal (`{f: v}`,
 * `{f: {$eq: v}}`, `{f: {$in: [...]}}`, also inside top-level `$and`), or undefined when it puts none that an
 * index can serve.
 */
function equalityKeys(criteria: Doc, field: string): string[] | undefined {
  let best: string[] | undefined
  const consider = (ks: string[] | undefined) => {
    if (ks && (!best || ks.length < best.length)) best = ks
  }
  if (Object.prototype.hasOwnProperty.call(criteria, field)) consider(keysOfCondition(criteria[field]))
  const and = criteria.$and
  if (Array.isArray(and)) for (const c of and) if (isPlainObject(c)) consider(equalityKeys(c, field))
  return best
}

function keysOfCondition(v: unknown): string[] | undefined {
  if (isPlainObject(v)) {
    const ops = Object.keys(v)
    if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) return undefined // sub-document equality
    if ('$eq' in v) {
      const k = queryKey(v.$eq)
      return k === undefined ? undefined : [k]
    }
    if ('$in' in v && Array.isArray(v.$in)) {
      const out = new Set<string>()
      for (const x of v.$in) {
        const k = queryKey(x)
        if (k === undefined) return undefined
        out.add(k)
      }
      return [...out]
    }
    if (Array.isArray(v.$and)) {
      let best: string[] | undefined
      for (const c of v.$and) {
        const ks = keysOfCondition(c)
        if (ks && (!best || ks.length < best.length)) best = ks
      }
      return best
    }
    return undefined
  }
  const k = queryKey(v)
  return k === undefined ? undefined : [k]
}

/** The indexes of one collection, kept in step with its documents by the store. */
export class CollectionIndexes {
  private readonly indexes: Index[]
  /** Fields of the 2dsphere indexes. */
  readonly geoFields: string[]

  constructor(specs: readonly IndexSpec[]) {
    const isGeo = (s: IndexSpec) => s.fields.some((f) => f.direction === '2dsphere')
    this.indexes = specs.filter((s) => s.fields.length > 0 && !isGeo(s)).map((s) => new Index(s))
    this.geoFields = [...new Set(specs.filter(isGeo).flatMap((s) => s.fields.filter((f) => f.direction === '2dsphere').map((f) => f.field)))]
  }

  add(k: string, doc: Doc): void {
    for (const i of this.indexes) i.add(k, doc)
  }

  remove(k: string, doc: Doc): void {
    for (const i of this.indexes) i.remove(k, doc)
  }

  /**
   * Candidate keys for `criteria` from the index that narrows most, in natural order; undefined = scan.
   * With `hints.need` and a sort on the index's last field, an ordered bucket yields only its first `need`
   * matches in sort order plus every document tying with the last of them.
   */
  plan(criteria: Doc, src: DocSource, hints: PlanHints = {}): IndexPlan | undefined {
    let best: { index: Index; found: NonNullable<ReturnType<Index['lookup']>> } | undefined
    for (const index of this.indexes) {
      const found = index.lookup(criteria)
      if (!found) continue
      const topK = this.topKUsable(index, found.depth, hints)
      const score = (f: typeof found, t: boolean) => (t ? Math.min(f.count, (hints.need ?? 0) * f.buckets.length + f.always.size) : f.count)
      if (!best || score(found, topK) < score(best.found, this.topKUsable(best.index, best.found.depth, hints))) best = { index, found }
    }
    if (!best) return undefined
    const { index, found } = best
    const chosen = new Set<string>(found.always)
    if (this.topKUsable(index, found.depth, hints)) {
      const dir = Object.values(hints.sort!)[0]
      for (const b of found.buckets) walkOrdered(b, dir, hints.need!, hints.test!, src, chosen)
    } else {
      for (const b of found.buckets) for (const k of b.members.keys()) chosen.add(k)
    }
    return { index: index.spec.name, keys: naturalOrder(chosen, src) }
  }

  private topKUsable(index: Index, depth: number, hints: PlanHints): boolean {
    if (!hints.sort || hints.need === undefined || !hints.test || depth !== index.depth) return false
    const first = Object.keys(hints.sort)[0]
    return first !== undefined && first === index.sortField
  }
}

/** Adds the bucket's first `need` matches in `dir` order, every entry tying with the last one, and its unordered members. */
function walkOrdered(b: Bucket, dir: 1 | -1, need: number, test: (doc: Doc) => boolean, src: DocSource, out: Set<string>): void {
  for (const k of b.unordered) out.add(k)
  const list = b.ordered()
  let found = 0
  let boundary: number | undefined
  const n = list.length
  for (let i = 0; i < n; i++) {
    const e = list[dir === 1 ? i : n - 1 - i]
    if (boundary !== undefined) {
      if (e.t !== boundary) return
      out.add(e.k)
      continue
    }
    const doc = src.get(e.k)
    if (!doc || !test(doc)) continue
    out.add(e.k)
    if (++found >= need) boundary = e.t
  }
}

function naturalOrder(keys: Set<string>, src: DocSource): string[] {
  const arr = [...keys]
  let sorted = true
  let prev = -Infinity
  const ords = arr.map((k) => {
    const o = src.ord(k)
    if (o < prev) sorted = false
    prev = o
    return o
  })
  if (sorted) return arr
  const idx = arr.map((_, i) => i).sort((a, b) => ords[a] - ords[b])
  return idx.map((i) => arr[i])
}

/** All collections' indexes. */
export class IndexSet {
  private readonly byColl = new Map<string, CollectionIndexes>()

  constructor(list: IndexList = {}) {
    for (const [c, specs] of Object.entries(list)) if (specs.length) this.byColl.set(c, new CollectionIndexes(specs))
  }

  of(c: string): CollectionIndexes | undefined {
    return this.byColl.get(c)
  }
}
