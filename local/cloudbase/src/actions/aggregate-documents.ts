import { parseStages, runPipeline } from '../aggregate'
import { toCanonical } from '../ejson'
import type { ActionContext, ActionReply } from '../params'
import { collectionName } from '../params'
import { Codes, DbError } from '../errors'
import { pointFields } from '../ops/geo'
import { compileFilter, shapeDocs, type SortSpec } from '../query'
import { idKey, type DocId } from '../ids'
import { deepClone, isPlainObject, type Doc } from '../values'

type Engine = ActionContext['engine']

/**
 * The pipeline's input: the whole collection, or, when the first stage is a `$match` an index serves, the
 * documents that index names (in natural order). The `$match` stays in the pipeline and still filters them.
 */
function inputOf(engine: Engine, coll: string, pipeline: Doc[]): Doc[] {
  const first = pipeline[0]?.$match
  if (isPlainObject(first)) {
    let keys: string[] | undefined
    try {
      keys = engine.candidates(coll, compileFilter(first))
    } catch {
      keys = undefined // the pipeline itself reports what is wrong with the stage
    }
    if (keys) return keys.map((k) => engine.store.get(coll, k)).filter((d): d is Doc => d !== undefined)
  }
  return engine.store.docs(coll)
}

/** A sub-pipeline a get could answer: `$match`, then optionally `$sort`, `$skip`, `$limit`, `$project` in that order. */
function asFind(pipeline: Doc[]): { match: Doc; sort?: SortSpec; skip?: number; limit?: number; projection?: Doc } | null {
  const [first, ...rest] = pipeline
  if (!isPlainObject(first?.$match)) return null
  const out: { match: Doc; sort?: SortSpec; skip?: number; limit?: number; projection?: Doc } = { match: first.$match }
  const order = ['$sort', '$skip', '$limit', '$project']
  let at = 0
  for (const stage of rest) {
    const key = Object.keys(stage)[0]
    const i = order.indexOf(key)
    if (i < at) return null
    at = i + 1
    const v = stage[key]
    if (key === '$sort' && isPlainObject(v)) out.sort = v as SortSpec
    else if ((key === '$skip' || key === '$limit') && typeof v === 'number') out[key === '$skip' ? 'skip' : 'limit'] = v
    else if (key === '$project' && isPlainObject(v)) out.projection = v
    else return null
  }
  return out
}

/** A `$project` of plain inclusions or exclusions: the same in a find as in a pipeline (no find-only operators). */
const plainProjection = (v: unknown): v is Doc => isPlainObject(v) && Object.values(v).every((x) => x === 0 || x === 1 || x === true || x === false)

/** How many leading stages a get could answer (asFind), `$project` only when plain; 0 when the first is not a `$match`. */
function findPrefixLength(pipeline: Doc[]): number {
  let n = 0
  for (let i = 1; i <= pipeline.length; i++) {
    const last = pipeline[i - 1]
    if ('$project' in last && !plainProjection(last.$project)) break
    if (!asFind(pipeline.slice(0, i))) break
    n = i
  }
  return n
}

/**
 * The pipeline's leading `$match` (with the `$sort`, `$skip`, `$limit`, `$project` after it, as a get has them) answered
 * as that get would: through the collection's indexes, matched and projected in place, so only what the projection
 * keeps is copied for the stages after it (mingo copies its input whole: a deal with many checkout holds, for one
 * field of it). MongoDB's results, unchanged. Null when the pipeline does not start that way; the pipeline then runs
 * as a whole (and reports what is wrong with a bad `$match` itself).
 */
function leadingFind(engine: Engine, coll: string, pipeline: Doc[]): { docs: Doc[]; rest: Doc[] } | null {
  const n = findPrefixLength(pipeline)
  const find = n > 0 ? asFind(pipeline.slice(0, n)) : null
  if (!find) return null
  let filter
  try {
    filter = compileFilter(find.match)
  } catch {
    return null
  }
  const need = find.limit === undefined ? undefined : (find.skip ?? 0) + find.limit
  let matched = engine.match(coll, filter, undefined, { sort: find.sort, need })
  // Documents pinned by an _id list come in the list's order; a pipeline's $match passes them on in the collection's.
  if (filter.idKeys && filter.idKeys.length > 1) {
    const src = engine.store.source(coll)
    matched = matched.map((d) => ({ d, o: src.ord(idKey(d._id as DocId)) })).sort((x, y) => x.o - y.o).map((x) => x.d)
  }
  return { docs: shapeDocs(matched, find), rest: pipeline.slice(n) }
}

/**
 * An uncorrelated `$lookup` (a `pipeline` without `let`, `localField` or `foreignField`) gives every input document
 * the same array, so it is run once, and replaced by that array as a literal: a sub-pipeline a get could answer goes
 * through the foreign collection's indexes and sorted windows as that get would, any other through its leading
 * `$match`'s index. (mingo would otherwise copy the whole foreign collection for it.) MongoDB's results, unchanged.
 */
function resolveUncorrelated(engine: Engine, pipeline: Doc[]): Doc[] {
  return pipeline.map((stage) => {
    const l = stage.$lookup
    if (!isPlainObject(l) || !Array.isArray(l.pipeline) || typeof l.from !== 'string' || typeof l.as !== 'string') return stage
    if (l.let !== undefined || l.localField !== undefined || l.foreignField !== undefined) return stage
    const sub = resolveUncorrelated(engine, l.pipeline as Doc[])
    const find = asFind(sub)
    let docs: Doc[]
    if (find) {
      const filter = compileFilter(find.match)
      const need = find.limit === undefined ? undefined : (find.skip ?? 0) + find.limit
      docs = shapeDocs(engine.match(l.from, filter, undefined, { sort: find.sort, need }), find).map(deepClone)
    } else {
      docs = runPipeline(inputOf(engine, l.from, sub), sub, (name) => engine.store.docs(name))
    }
    return { $addFields: { [l.as]: { $literal: docs } } }
  })
}

const plainName = (v: unknown): v is string => typeof v === 'string' && v !== '' && !v.includes('.') && !v.startsWith('$')

/**
 * Leading stages that only add one field to each document, done here rather than by mingo (which copies its input
 * and, for a `$lookup`, the whole foreign collection): a `$literal` an uncorrelated `$lookup` became, and a `$lookup`
 * of `_id` by a field holding an id (a checkout's shop). Anything else, or a document whose field is not an id (MongoDB
 * then matches by other rules), is left to the pipeline from there. The documents may be stored ones: each is copied
 * before it gains a field.
 */
function addFieldsDirectly(engine: Engine, docs: Doc[], stages: Doc[]): { docs: Doc[]; rest: Doc[] } {
  let i = 0
  for (; i < stages.length; i++) {
    const add = stages[i].$addFields
    const lookup = stages[i].$lookup
    if (isPlainObject(add) && Object.keys(stages[i]).length === 1) {
      const keys = Object.keys(add)
      const value = add[keys[0]]
      if (keys.length !== 1 || !plainName(keys[0]) || !isPlainObject(value) || Object.keys(value).length !== 1 || !('$literal' in value)) break
      docs = docs.map((d) => ({ ...d, [keys[0]]: deepClone(value.$literal) }))
    } else if (isPlainObject(lookup) && Object.keys(stages[i]).length === 1) {
      const { from, localField, foreignField, as } = lookup
      if (Object.keys(lookup).length !== 4 || typeof from !== 'string' || !plainName(localField) || foreignField !== '_id' || !plainName(as)) break
      if (!docs.every((d) => typeof d[localField] === 'string' || (typeof d[localField] === 'number' && Number.isFinite(d[localField])))) break
      docs = docs.map((d) => {
        const found = engine.store.get(from, idKey(d[localField] as string | number))
        return { ...d, [as]: found ? [deepClone(found)] : [] }
      })
    } else {
      break
    }
  }
  return { docs, rest: stages.slice(i) }
}

/**
 * The location field `$geoNear` uses when the stage names none: as in MongoDB, the collection's only 2dsphere
 * index; without a declared one, the only top-level field holding GeoJSON points (none: no documents match).
 */
function geoKey(engine: Engine, coll: string): string | undefined {
  const declared = engine.store.indexes.of(coll)?.geoFields ?? []
  const fields = declared.length ? declared : pointFields(engine.store.docs(coll))
  if (fields.length > 1) {
    throw new DbError(Codes.REQUEST_FAILED, `$geoNear: several location fields (${fields.join(', ')}) in ${coll}; pass 'key'`)
  }
  return fields[0]
}

/** `database.aggregateDocuments`: mingo runs the pipeline over committed data; `$lookup` sees other collections. */
export async function aggregateDocuments({ engine, params, now }: ActionContext): Promise<ActionReply> {
  const coll = collectionName(params)
  const pipeline = resolveUncorrelated(engine, parseStages(params.stages, now))
  const geoNear = pipeline[0]?.$geoNear
  if (isPlainObject(geoNear) && geoNear.key === undefined) geoNear.key = geoKey(engine, coll)
  const found = geoNear ? null : leadingFind(engine, coll, pipeline)
  const lead = found && addFieldsDirectly(engine, found.docs, found.rest)
  // The leading find's documents may be the stored ones (no projection): only read from here on, or copied by the stages after.
  const out = lead
    ? lead.rest.length ? runPipeline(lead.docs, lead.rest, (name) => engine.store.docs(name)) : lead.docs
    : runPipeline(inputOf(engine, coll, pipeline), pipeline, (name) => engine.store.docs(name))
  const list = out.map(toCanonical)
  await engine.barrier()
  return { data: { list } }
}
