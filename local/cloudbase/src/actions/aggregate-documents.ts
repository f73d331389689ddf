import { parseStages, runPipeline } from '../aggregate'
import { toCanonical } from '../ejson'
import type { ActionContext, ActionReply } from '../params'
import { collectionName } from '../params'
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

/** `database.aggregateDocuments`: mingo runs the pipeline over committed data; `$lookup` sees other collections. */
export async function aggregateDocuments({ engine, params, now }: ActionContext): Promise<ActionReply> {
  const coll = collectionName(params)
  const pipeline = parseStages(params.stages, now)
  const out = runPipeline(inputOf(engine, coll, pipeline), pipeline, (name) => engine.store.docs(name))
  const list = out.map(toCanonical)
  await engine.barrier()
  return { data: { list } }
}
