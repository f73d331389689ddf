import { ObjectId } from 'bson'
import { Query } from './ops/context'
import { regexpsForMingo } from './ejson'
import { asRequestFailed, invalidParam } from './errors'
import { idKey, type DocId } from './ids'
import { isPlainObject, type Doc } from './values'

/** A compiled `where`: mingo does the matching; `idKeys` lists the only possible hits when the query pins `_id`. */
export interface Filter {
  readonly criteria: Doc
  test(doc: Doc): boolean
  /** Set when the query has a top-level `_id` equality or `$in`: only these documents can match (O(1) lookup). */
  readonly idKeys?: readonly string[]
}

export function compileFilter(raw: Doc): Filter {
  const criteria = regexpsForMingo(raw) as Doc
  let q: Query
  try {
    q = new Query(criteria)
  } catch (e) {
    throw asRequestFailed(e)
  }
  return {
    criteria,
    idKeys: pinnedIdKeys(criteria._id),
    test(doc: Doc): boolean {
      try {
        return q.test(doc)
      } catch (e) {
        throw asRequestFailed(e)
      }
    },
  }
}

function pinnedIdKeys(v: unknown): string[] | undefined {
  if (isId(v)) return [idKey(v)]
  if (!isPlainObject(v)) return undefined
  const keys = Object.keys(v)
  if (keys.length !== 1) return undefined
  if (keys[0] === '$eq' && isId(v.$eq)) return [idKey(v.$eq)]
  if (keys[0] === '$in' && Array.isArray(v.$in) && v.$in.every(isId)) return [...new Set(v.$in.map((x: DocId) => idKey(x)))]
  return undefined
}

function isId(v: unknown): v is DocId {
  return typeof v === 'string' || typeof v === 'number' || v instanceof ObjectId
}

export type SortSpec = Record<string, 1 | -1>

export interface FindOptions {
  sort?: SortSpec
  skip?: number
  limit?: number
  projection?: Doc
}

/**
 * The paths of a projection that only includes fields (`_id` may be excluded), none inside another: what
 * includeFields answers; null for any other projection (mingo's cursor answers those).
 */
function inclusionPaths(projection: Doc): { paths: string[][]; id: 'first' | 'last' | 'none' } | null {
  const paths: string[][] = []
  let id: 'first' | 'last' | 'none' = 'last'
  for (const [k, v] of Object.entries(projection)) {
    if (k === '_id') {
      if (v === 0 || v === false) id = 'none'
      else if (v === 1 || v === true) id = 'first'
      else return null
      continue
    }
    if (v !== 1 && v !== true) return null
    if (k.includes('$') || k.split('.').some((seg) => seg === '')) return null
    paths.push(k.split('.'))
  }
  const names = paths.map((p) => p.join('.'))
  if (names.some((a) => names.some((b) => a !== b && b.startsWith(`${a}.`)))) return null
  // mingo writes the included fields in the order of their sorted paths.
  return { paths: paths.sort((a, b) => (a.join('.') < b.join('.') ? -1 : a.join('.') > b.join('.') ? 1 : 0)), id }
}

/**
 * An inclusion projection of one document, as mingo's `$project` gives it (fields in their paths' sorted order, an
 * implicit `_id` last, an explicit one first, a path through a missing field left out, through an object kept even
 * when empty); null where a path meets an array or a value that is neither a plain object nor missing, which mingo's
 * rules answer instead. Leaves are shared with the document: the result is only read.
 */
function includeFields(doc: Doc, spec: { paths: string[][]; id: 'first' | 'last' | 'none' }): Doc | null {
  const out: Doc = {}
  if (spec.id === 'first' && doc._id !== undefined) out._id = doc._id
  for (const path of spec.paths) {
    let from: unknown = doc
    let to = out
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]
      if (!isPlainObject(from)) return null
      const v = from[seg]
      if (v === undefined) break
      if (i === path.length - 1) {
        to[seg] = v
        break
      }
      if (!isPlainObject(v)) return null
      to = (to[seg] ??= {}) as Doc
      from = v
    }
  }
  if (spec.id === 'last' && doc._id !== undefined) out._id = doc._id
  return out
}

/** Runs already-matched docs through mingo's cursor for sort/skip/limit/projection (MongoDB semantics). */
export function shapeDocs(matched: Doc[], opts: FindOptions): Doc[] {
  // A projection alone that only includes fields (most field() reads, a checkout's deal): answered here, one document
  // at a time, unless a document needs mingo's rules (an array or another value on a path).
  const include = !opts.sort && !opts.skip && opts.limit === undefined && opts.projection ? inclusionPaths(opts.projection) : null
  if (include && include.paths.length > 0) {
    const out: Doc[] = []
    for (const doc of matched) {
      const shaped = includeFields(doc, include)
      if (!shaped) return shapeWithMingo(matched, opts)
      out.push(shaped)
    }
    return out
  }
  return shapeWithMingo(matched, opts)
}

function shapeWithMingo(matched: Doc[], opts: FindOptions): Doc[] {
  try {
    let cursor = new Query({}).find<Doc>(matched, opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined)
    if (opts.sort && Object.keys(opts.sort).length) cursor = cursor.sort(opts.sort)
    if (opts.skip) cursor = cursor.skip(opts.skip)
    if (opts.limit !== undefined) cursor = cursor.limit(opts.limit)
    return cursor.all()
  } catch (e) {
    throw asRequestFailed(e)
  }
}

/** Orders arrive as `{ field: 1 | -1 }` (SDK) or, from older clients, `[{ field, direction }]`. */
export function parseOrder(v: unknown): SortSpec {
  const out: SortSpec = {}
  const put = (field: unknown, dir: unknown) => {
    if (typeof field !== 'string' || !field) throw invalidParam('order field must be a non-empty string')
    if (dir === 1 || dir === 'asc') out[field] = 1
    else if (dir === -1 || dir === 'desc') out[field] = -1
    else throw invalidParam(`order direction for '${field}' must be 1, -1, 'asc' or 'desc'`)
  }
  if (Array.isArray(v)) {
    for (const o of v) {
      if (!isPlainObject(o)) throw invalidParam('order entries must be objects')
      put(o.field, o.direction)
    }
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) put(k, v[k])
  } else {
    throw invalidParam('order must be an object')
  }
  return out
}
