import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson'
import { isPlainObject } from '../values'

/**
 * MongoDB's comparison order across BSON types, which aggregation expressions ($eq, $gt, $cmp ... inside $expr)
 * use instead of the query language's type bracketing: MinKey < missing < null < numbers < strings < objects <
 * arrays < binary < ObjectId < booleans < dates < timestamps < regular expressions < MaxKey.
 */
function rank(v: unknown): number {
  if (v instanceof MinKey) return 0
  if (v === undefined) return 1
  if (v === null) return 2
  if (typeof v === 'number' || v instanceof Int32 || v instanceof Double || v instanceof Long || v instanceof Decimal128 || typeof v === 'bigint') return 3
  if (typeof v === 'string' || typeof v === 'symbol') return 4
  if (Array.isArray(v)) return 6
  if (v instanceof Binary || v instanceof Uint8Array) return 7
  if (v instanceof ObjectId) return 8
  if (typeof v === 'boolean') return 9
  if (v instanceof Date) return 10
  if (v instanceof Timestamp) return 11
  if (v instanceof RegExp || v instanceof BSONRegExp) return 12
  if (v instanceof MaxKey) return 13
  return 5 // embedded documents (and any other object)
}

function num(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (v instanceof Long) return v.toNumber()
  if (v instanceof Decimal128) return Number(v.toString())
  return Number((v as { valueOf(): unknown }).valueOf())
}

const sign = (x: number): -1 | 0 | 1 => (x < 0 ? -1 : x > 0 ? 1 : 0)

/** -1, 0 or 1, as MongoDB orders `a` and `b`. Strings compare by their UTF-8 bytes (simple binary collation). */
export function compareBson(a: unknown, b: unknown): -1 | 0 | 1 {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return sign(ra - rb)
  switch (ra) {
    case 3: {
      const x = num(a)
      const y = num(b)
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1 // NaN sorts below every number
      return sign(x - y)
    }
    case 4:
      return sign(Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b))))
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>)
    case 6: {
      const x = a as unknown[]
      const y = b as unknown[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareBson(x[i], y[i])
        if (c !== 0) return c
      }
      return sign(x.length - y.length)
    }
    case 7: {
      const x = a instanceof Binary ? a.buffer : (a as Uint8Array)
      const y = b instanceof Binary ? b.buffer : (b as Uint8Array)
      return x.length !== y.length ? sign(x.length - y.length) : sign(Buffer.compare(Buffer.from(x), Buffer.from(y)))
    }
    case 8:
      return sign(Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id)))
    case 9:
      return sign(Number(a) - Number(b))
    case 10:
      return sign((a as Date).getTime() - (b as Date).getTime())
    case 11:
      return sign((a as Timestamp).compare(b as Timestamp))
    case 12: {
      const [pa, fa] = regexParts(a)
      const [pb, fb] = regexParts(b)
      return pa !== pb ? compareBson(pa, pb) : compareBson(fa, fb)
    }
    default:
      return 0
  }
}

/** Field by field: first the type of the value, then the field name, then the value; the shorter one first. */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): -1 | 0 | 1 {
  const ka = isPlainObject(a) ? Object.keys(a) : []
  const kb = isPlainObject(b) ? Object.keys(b) : []
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const t = sign(rank(a[ka[i]]) - rank(b[kb[i]]))
    if (t !== 0) return t
    const n = compareBson(ka[i], kb[i])
    if (n !== 0) return n
    const v = compareBson(a[ka[i]], b[kb[i]])
    if (v !== 0) return v
  }
  return sign(ka.length - kb.length)
}

function regexParts(r: unknown): [string, string] {
  if (r instanceof RegExp) return [r.source, r.flags]
  const x = r as BSONRegExp
  return [x.pattern, x.options]
}
