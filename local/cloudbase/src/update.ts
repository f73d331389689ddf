import { update as mingoUpdate } from 'mingo'
import { asRequestFailed, Codes, DbError, invalidParam } from './errors'
import { idKey, type DocId } from './ids'
import { validateStoredDoc } from './validate-doc'
import { deepClone, isPlainObject, type Doc } from './values'

/** Operators mingo applies with MongoDB semantics. */
const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit',
])
const NUMERIC_OPS = new Set(['$inc', '$mul'])
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop'])
/** These never create a path, so walking into a scalar is a no-op for them (as in MongoDB), not an error. */
const NON_CREATING = new Set(['$unset', '$pull', '$pullAll', '$pop'])

export interface UpdateResult {
  doc: Doc
  changed: boolean
}

export function isOperatorUpdate(data: Doc): boolean {
  const keys = Object.keys(data)
  const ops = keys.filter((k) => k.startsWith('$'))
  if (ops.length > 0 && ops.length !== keys.length) throw invalidParam('update mixes operators and plain fields')
  return ops.length > 0
}

/**
 * Applies a MongoDB update document on a copy. mingo silently skips some updates MongoDB rejects ($inc on a
 * string, $push on a non-array, a path through a scalar); those are refused here first, so a bad update
 * errors out and leaves the stored document untouched.
 */
export function applyOperators(current: Doc, update: Doc): UpdateResult {
  for (const op of Object.keys(update)) {
    if (!UPDATE_OPERATORS.has(op)) throw new DbError(Codes.REQUEST_FAILED, `unknown update operator: ${op}`)
    const fields = update[op]
    if (!isPlainObject(fields)) throw new DbError(Codes.REQUEST_FAILED, `${op} expects an object of field paths`)
    for (const path of Object.keys(fields)) checkPath(current, op, path, fields[path])
  }
  const next = deepClone(current)
  let changedPaths: string[]
  try {
    changedPaths = mingoUpdate(next, update as Parameters<typeof mingoUpdate>[1])
  } catch (e) {
    throw asRequestFailed(e)
  }
  if (next._id === undefined || idKey(next._id as DocId) !== idKey(current._id as DocId)) {
    throw new DbError(Codes.REQUEST_FAILED, `the update would modify the immutable field '_id'`)
  }
  validateStoredDoc(next)
  return { doc: next, changed: changedPaths.length > 0 }
}

/** `set` / merge:false: the new content replaces everything but `_id`. */
export function applyReplacement(current: Doc, data: Doc): UpdateResult {
  if ('_id' in data && idKey(data._id as DocId) !== idKey(current._id as DocId)) {
    throw invalidParam(`cannot change _id`)
  }
  const next: Doc = { _id: current._id, ...deepClone(data) }
  next._id = current._id
  validateStoredDoc(next)
  return { doc: next, changed: !sameDoc(current, next) }
}

/** Seed document of an upsert: the query's plain equality fields, as MongoDB does. */
export function upsertSeed(query: Doc, id: DocId): Doc {
  const seed: Doc = {}
  for (const k of Object.keys(query)) {
    const v = query[k]
    if (k.startsWith('$') || k.includes('.')) continue
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) continue
    seed[k] = deepClone(v)
  }
  seed._id = id
  return seed
}

function sameDoc(a: Doc, b: Doc): boolean {
  // Key order matters to MongoDB's byte comparison too; a cheap exact check is all `updated` needs.
  return JSON.stringify(a, dateAware) === JSON.stringify(b, dateAware)
}

function dateAware(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key]
  return raw instanceof Date ? { $date: raw.getTime() } : value
}

function checkPath(doc: Doc, op: string, path: string, operand: unknown): void {
  if (path === '') throw new DbError(Codes.REQUEST_FAILED, `${op}: empty field path`)
  if (NUMERIC_OPS.has(op) && (typeof operand !== 'number' || Number.isNaN(operand))) {
    throw new DbError(Codes.REQUEST_FAILED, `${op}: cannot apply with a non-numeric argument to '${path}'`)
  }
  if (op === '$rename' && (typeof operand !== 'string' || !operand || operand === path)) {
    throw new DbError(Codes.REQUEST_FAILED, `$rename: target of '${path}' must be a different field path`)
  }
  const parts = path.split('.')
  let cur: unknown = doc
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i]
    if (seg.startsWith('$')) return // positional forms: mingo resolves them against the array
    if (cur === undefined) return // the rest of the path will be created
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) {
        if (NON_CREATING.has(op)) return
        throw new DbError(Codes.REQUEST_FAILED, `${op}: cannot create field '${seg}' in array at '${parts.slice(0, i).join('.')}'`)
      }
      cur = cur[Number(seg)]
    } else if (isPlainObject(cur)) {
      cur = cur[seg]
    } else if (NON_CREATING.has(op)) {
      return
    } else {
      throw new DbError(Codes.REQUEST_FAILED, `${op}: cannot create field '${seg}' in element {${parts.slice(0, i).join('.')}: ${describe(cur)}}`)
    }
  }
  if (cur === undefined) return
  if (NUMERIC_OPS.has(op) && typeof cur !== 'number') {
    throw new DbError(Codes.REQUEST_FAILED, `${op}: cannot apply to a value of non-numeric type at '${path}' (${describe(cur)})`)
  }
  if (ARRAY_OPS.has(op) && !Array.isArray(cur)) {
    throw new DbError(Codes.REQUEST_FAILED, `${op}: the field '${path}' must be an array but is ${describe(cur)}`)
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (v instanceof Date) return 'a date'
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 80)
}
