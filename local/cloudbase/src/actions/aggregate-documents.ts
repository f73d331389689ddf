import { parseStages, runPipeline } from '../aggregate'
import { toCanonical } from '../ejson'
import type { ActionContext, ActionReply } from '../params'
import { collectionName } from '../params'

/** `database.aggregateDocuments`: mingo runs the pipeline over committed data; `$lookup` sees other collections. */
export async function aggregateDocuments({ engine, params, now }: ActionContext): Promise<ActionReply> {
  const coll = collectionName(params)
  const pipeline = parseStages(params.stages, now)
  const out = runPipeline(engine.store.docs(coll), pipeline, (name) => engine.store.docs(name))
  const list = out.map(toCanonical)
  await engine.barrier()
  return { data: { list } }
}
