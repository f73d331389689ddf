import { parseStages, runPipeline } from '../aggregate'
import { toCanonical } from '../ejson'
import type { ActionContext, ActionReply } from '../params'
import { collectionName } from '../params'
import { Codes, DbError } from '../errors'
import { pointFields } from '../ops/geo'
import { compileFilter } from '../query'
import { isPlainObject, type Doc } from '../values'

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
  const pipeline = parseStages(params.stages, now)
  const geoNear = pipeline[0]?.$geoNear
  if (isPlainObject(geoNear) && geoNear.key === undefined) geoNear.key = geoKey(engine, coll)
  const out = runPipeline(inputOf(engine, coll, pipeline), pipeline, (name) => engine.store.docs(name))
  const list = out.map(toCanonical)
  await engine.barrier()
  return { data: { list } }
}
