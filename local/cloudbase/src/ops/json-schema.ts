import { Binary, BSONRegExp, Decimal128, Long, ObjectId, Timestamp } from 'bson'
import { Codes, DbError } from '../errors'
import { isPlainObject, type Doc } from '../values'
import { compareBson } from './bson-order'

/**
 * MongoDB's `$jsonSchema` (JSON Schema draft 4 plus `bsonType`; no `$ref`, `default`, `definitions`, `format`,
 * `id` or `integer`). mingo needs a validator to be handed in; this is it. A malformed schema is refused when the
 * query is compiled.
 */
export function jsonSchemaValidator(schema: Doc): (doc: unknown) => boolean {
  const check = compile(schema, '$jsonSchema')
  return (doc) => check(doc)
}

type Check = (v: unknown) => boolean

const bad = (at: string, msg: string) => new DbError(Codes.REQUEST_FAILED, `${at}: ${msg}`)
const UNSUPPORTED = ['$ref', '$schema', 'default', 'definitions', 'format', 'id']

const isInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31

const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !isInt32(v),
  string: (v) => typeof v === 'string',
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  binData: (v) => v instanceof Binary,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp || v instanceof BSONRegExp,
  int: isInt32,
  timestamp: (v) => v instanceof Timestamp,
  long: (v) => v instanceof Long || typeof v === 'bigint',
  decimal: (v) => v instanceof Decimal128,
  number: (v) => typeof v === 'number' || v instanceof Long || v instanceof Decimal128,
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  number: (v) => typeof v === 'number' || v instanceof Long || v instanceof Decimal128,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

function typeCheck(spec: unknown, table: Record<string, (v: unknown) => boolean>, at: string): Check {
  const names = Array.isArray(spec) ? spec : [spec]
  const fns = names.map((n) => {
    if (typeof n !== 'string' || !table[n]) throw bad(at, `unknown type ${JSON.stringify(n)}`)
    return table[n]
  })
  return (v) => fns.some((f) => f(v))
}

function num(s: Doc, k: string, at: string): number {
  const v = s[k]
  if (typeof v !== 'number') throw bad(at, `'${k}' must be a number`)
  return v
}

function schemas(v: unknown, k: string, at: string): Check[] {
  if (!Array.isArray(v) || v.length === 0) throw bad(at, `'${k}' must be a non-empty array of schemas`)
  return v.map((x, i) => compile(x, `${at}.${k}.${i}`))
}

function compile(schema: unknown, at: string): Check {
  if (!isPlainObject(schema)) throw bad(at, 'a schema must be an object')
  const s = schema
  const checks: Check[] = []
  const when = (applies: (v: unknown) => boolean, c: Check) => checks.push((v) => !applies(v) || c(v))
  const isNum = (v: unknown): v is number => typeof v === 'number'
  const isStr = (v: unknown): v is string => typeof v === 'string'

  for (const k of Object.keys(s)) {
    const val = s[k]
    switch (k) {
      case 'title':
      case 'description':
        break
      case 'bsonType':
        checks.push(typeCheck(val, BSON_TYPES, at))
        break
      case 'type':
        checks.push(typeCheck(val, JSON_TYPES, at))
        break
      case 'enum': {
        if (!Array.isArray(val) || val.length === 0) throw bad(at, "'enum' must be a non-empty array")
        checks.push((v) => val.some((e) => compareBson(e, v) === 0))
        break
      }
      case 'minimum':
      case 'maximum': {
        const limit = num(s, k, at)
        const exclusive = s[k === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true
        const ok = k === 'minimum' ? (x: number) => (exclusive ? x > limit : x >= limit) : (x: number) => (exclusive ? x < limit : x <= limit)
        when(isNum, (v) => ok(v as number))
        break
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof val !== 'boolean') throw bad(at, `'${k}' must be a boolean`)
        break
      case 'multipleOf': {
        const m = num(s, k, at)
        if (m <= 0) throw bad(at, "'multipleOf' must be positive")
        when(isNum, (v) => Number.isInteger((v as number) / m))
        break
      }
      case 'minLength':
      case 'maxLength': {
        const n = num(s, k, at)
        when(isStr, (v) => {
          const len = [...(v as string)].length
          return k === 'minLength' ? len >= n : len <= n
        })
        break
      }
      case 'pattern': {
        if (typeof val !== 'string') throw bad(at, "'pattern' must be a string")
        const re = new RegExp(val, 'u')
        when(isStr, (v) => re.test(v as string))
        break
      }
      case 'minItems':
      case 'maxItems': {
        const n = num(s, k, at)
        when(Array.isArray, (v) => (k === 'minItems' ? (v as unknown[]).length >= n : (v as unknown[]).length <= n))
        break
      }
      case 'uniqueItems':
        if (val === true) when(Array.isArray, (v) => (v as unknown[]).every((x, i, a) => a.findIndex((y) => compareBson(x, y) === 0) === i))
        break
      case 'items': {
        if (Array.isArray(val)) {
          const each = val.map((x, i) => compile(x, `${at}.items.${i}`))
          const extra = s.additionalItems
          const rest: Check = extra === false ? () => false : isPlainObject(extra) ? compile(extra, `${at}.additionalItems`) : () => true
          when(Array.isArray, (v) => (v as unknown[]).every((x, i) => (i < each.length ? each[i](x) : rest(x))))
        } else {
          const item = compile(val, `${at}.items`)
          when(Array.isArray, (v) => (v as unknown[]).every(item))
        }
        break
      }
      case 'additionalItems':
        break
      case 'required': {
        if (!Array.isArray(val) || !val.every(isStr)) throw bad(at, "'required' must be an array of field names")
        when(isPlainObject, (v) => val.every((f) => (v as Doc)[f] !== undefined))
        break
      }
      case 'minProperties':
      case 'maxProperties': {
        const n = num(s, k, at)
        when(isPlainObject, (v) => (k === 'minProperties' ? Object.keys(v as Doc).length >= n : Object.keys(v as Doc).length <= n))
        break
      }
      case 'properties':
      case 'patternProperties':
      case 'additionalProperties':
        break // compiled together below
      case 'dependencies': {
        if (!isPlainObject(val)) throw bad(at, "'dependencies' must be an object")
        for (const [field, dep] of Object.entries(val)) {
          const c: Check = Array.isArray(dep) ? (v) => dep.every((f) => (v as Doc)[f as string] !== undefined) : compile(dep, `${at}.dependencies.${field}`)
          when((v) => isPlainObject(v) && v[field] !== undefined, c)
        }
        break
      }
      case 'allOf': {
        const all = schemas(val, k, at)
        checks.push((v) => all.every((c) => c(v)))
        break
      }
      case 'anyOf': {
        const any = schemas(val, k, at)
        checks.push((v) => any.some((c) => c(v)))
        break
      }
      case 'oneOf': {
        const one = schemas(val, k, at)
        checks.push((v) => one.filter((c) => c(v)).length === 1)
        break
      }
      case 'not': {
        const c = compile(val, `${at}.not`)
        checks.push((v) => !c(v))
        break
      }
      default:
        throw bad(at, UNSUPPORTED.includes(k) ? `keyword '${k}' is not supported by $jsonSchema` : `unknown $jsonSchema keyword '${k}'`)
    }
  }
  if ('properties' in s || 'patternProperties' in s || 'additionalProperties' in s) checks.push(objectFields(s, at))
  return (v) => checks.every((c) => c(v))
}

function objectFields(s: Doc, at: string): Check {
  const props = s.properties ?? {}
  if (!isPlainObject(props)) throw bad(at, "'properties' must be an object")
  const named = Object.entries(props).map(([f, sub]) => [f, compile(sub, `${at}.properties.${f}`)] as const)
  const patterns = s.patternProperties ?? {}
  if (!isPlainObject(patterns)) throw bad(at, "'patternProperties' must be an object")
  const byPattern = Object.entries(patterns).map(([p, sub]) => [new RegExp(p, 'u'), compile(sub, `${at}.patternProperties.${p}`)] as const)
  const extra = s.additionalProperties
  if (extra !== undefined && typeof extra !== 'boolean' && !isPlainObject(extra)) throw bad(at, "'additionalProperties' must be a boolean or a schema")
  const rest: Check = extra === false ? () => false : isPlainObject(extra) ? compile(extra, `${at}.additionalProperties`) : () => true
  return (v) => {
    if (!isPlainObject(v)) return true
    for (const [field, value] of Object.entries(v)) {
      if (value === undefined) continue
      let covered = false
      for (const [f, c] of named) {
        if (f === field) {
          covered = true
          if (!c(value)) return false
        }
      }
      for (const [re, c] of byPattern) {
        if (re.test(field)) {
          covered = true
          if (!c(value)) return false
        }
      }
      if (!covered && !rest(value)) return false
    }
    return true
  }
}
