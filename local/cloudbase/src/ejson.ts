import { BSONRegExp, EJSON } from 'bson'
import { invalidParam } from './errors'
import { isPlainObject, mapDeep, type Doc } from './values'

/**
 * The SDK sends queries, data and orders as canonical EJSON strings. Relaxed parsing turns `$numberInt` etc.
 * into plain numbers and `$date` into Date, which is what mingo and the store work with.
 */
export function parseEJSON(text: unknown, what: string): unknown {
  if (typeof text === 'string') {
    try {
      return EJSON.parse(text, { relaxed: true })
    } catch (e) {
      throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`)
    }
  }
  // Hand-written requests may send the object itself; read it as EJSON all the same.
  if (text !== null && typeof text === 'object') {
    try {
      return EJSON.deserialize(text as Doc, { relaxed: true })
    } catch (e) {
      throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`)
    }
  }
  throw invalidParam(`${what} must be an EJSON string`)
}

export function parseEJSONObject(text: unknown, what: string): Doc {
  const v = parseEJSON(text, what)
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`)
  return v
}

/** Replies use canonical EJSON, as real TCB does; the SDK parses them back (relaxed) into numbers and Dates. */
export function toCanonical(v: unknown): string {
  return EJSON.stringify(v, { relaxed: false })
}

/** The journal stores relaxed EJSON: Dates and non-finite numbers keep their type, plain numbers stay short. */
export function toRelaxed(v: unknown): string {
  return EJSON.stringify(v, { relaxed: true })
}

/** `db.serverDate({ offset })` arrives as `{ $tcb_server_date: { offset } }` and means the server's clock. */
export function resolveServerDates(v: unknown, now: number): unknown {
  return mapDeep(v, (x) => {
    if (!isPlainObject(x) || !('$tcb_server_date' in x)) return undefined
    const spec = x.$tcb_server_date
    const keys = Object.keys(x)
    if (keys.length !== 1 || !isPlainObject(spec)) throw invalidParam('malformed $tcb_server_date')
    const offset = spec.offset ?? 0
    if (typeof offset !== 'number' || !Number.isFinite(offset)) throw invalidParam('$tcb_server_date offset must be a number')
    return new Date(now + offset)
  })
}

/** mingo understands JS RegExp, while EJSON yields BSONRegExp (from `db.RegExp` or a literal /x/). */
export function regexpsForMingo(v: unknown): unknown {
  return mapDeep(v, (x) => (x instanceof BSONRegExp ? toJsRegExp(x) : undefined))
}

function toJsRegExp(r: BSONRegExp): RegExp {
  const flags = r.options.replace(/[^imsu]/g, '')
  if (r.options.includes('x')) throw invalidParam(`regular expression option 'x' is not supported`)
  try {
    return new RegExp(r.pattern, flags)
  } catch (e) {
    throw invalidParam(`invalid regular expression: ${(e as Error).message}`)
  }
}
