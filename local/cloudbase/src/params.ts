import { parseEJSON, parseEJSONObject, resolveServerDates } from './ejson'
import { invalidParam } from './errors'
import type { Engine } from './engine'
import { asDocId, idKey, type DocId } from './ids'
import type { Filter } from './query'
import type { Tx } from './transactions'
import { isPlainObject, type Doc } from './values'

/** What every action handler gets: the parsed JSON body and one clock reading for serverDate. */
export interface ActionContext {
  engine: Engine
  params: Doc
  now: number
}

export type ActionReply = Record<string, unknown>
export type Action = (ctx: ActionContext) => Promise<ActionReply>

export function collectionName(p: Doc): string {
  const c = p.collectionName
  if (typeof c !== 'string' || !c) throw invalidParam('collectionName must be a non-empty string')
  if (c.length > 256 || c.startsWith('$') || c.includes('\u0000')) throw invalidParam(`invalid collectionName ${JSON.stringify(c)}`)
  return c
}

export function transactionOf({ engine, params }: ActionContext): Tx | undefined {
  const id = params.transactionId
  return id === undefined || id === null || id === '' ? undefined : engine.txm.get(id)
}

/** `query` (EJSON text); absent means "all documents". */
export function queryParam(p: Doc, now: number, required = false): Doc {
  if (p.query === undefined || p.query === null || p.query === '') {
    if (required) throw invalidParam('query is required for this operation (use where({...}))')
    return {}
  }
  return resolveServerDates(parseEJSONObject(p.query, 'query'), now) as Doc
}

export function dataObject(raw: unknown, now: number, what = 'data'): Doc {
  return resolveServerDates(parseEJSONObject(raw, what), now) as Doc
}

export function ejsonParam(p: Doc, name: string): unknown {
  return parseEJSON(p[name], name)
}

export function intParam(p: Doc, name: string, fallback: number): number {
  const v = p[name]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${name} must be a non-negative integer`)
  return v
}

export function boolParam(p: Doc, name: string, fallback: boolean): boolean {
  const v = p[name]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'boolean') throw invalidParam(`${name} must be a boolean`)
  return v
}

/** Transactions only allow single-document operations; the document is the one the query pins by `_id`. */
export function pinnedId(query: Doc, filter: Filter): { id: DocId; key: string } {
  if (filter.idKeys?.length === 1) {
    const raw = isPlainObject(query._id) ? (query._id as Doc).$eq ?? (query._id as Doc).$in : query._id
    const id = asDocId(Array.isArray(raw) ? raw[0] : raw)
    return { id, key: idKey(id) }
  }
  throw invalidParam('inside a transaction only single-document operations are allowed: use collection.doc(id)')
}
