import { ProcessingMode } from 'mingo'
import { Aggregator } from './ops/context'
import { parseEJSON, regexpsForMingo, resolveServerDates } from './ejson'
import { asRequestFailed, Codes, DbError, invalidParam } from './errors'
import { deepClone, isPlainObject, type Doc } from './values'

/** Stages that would write, or need an engine feature mingo lacks; refused up front with a clear message. */
const REFUSED = new Set(['$out', '$merge', '$search', '$listSessions', '$currentOp', '$collStats', '$indexStats'])

/** `stages` arrive as `[{ stageKey: '$match', stageValue: '<EJSON or JSON text>' }]`. */
export function parseStages(raw: unknown, now: number): Doc[] {
  if (!Array.isArray(raw)) throw invalidParam('stages must be an array')
  return raw.map((s, i) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
      throw invalidParam(`stages[${i}] must be { stageKey: '$stage', stageValue }`)
    }
    if (REFUSED.has(s.stageKey)) throw invalidParam(`aggregation stage ${s.stageKey} is not supported by the local server`)
    if (s.stageKey === '$geoNear' && i > 0) throw new DbError(Codes.REQUEST_FAILED, '$geoNear is only valid as the first stage in a pipeline')
    const value = regexpsForMingo(resolveServerDates(parseEJSON(s.stageValue, `stages[${i}].stageValue`), now))
    return { [s.stageKey]: value }
  })
}

/**
 * `$lookup` reads other collections through `resolve`. Stages like $addFields may modify their input in place,
 * so the pipeline works on copies and stored documents stay untouched.
 */
export function runPipeline(docs: Doc[], pipeline: Doc[], resolve: (collection: string) => Doc[]): Doc[] {
  try {
    const agg = new Aggregator(pipeline, {
      collectionResolver: (name) => deepClone(resolve(name)),
      processingMode: ProcessingMode.CLONE_INPUT,
    })
    return agg.run(docs) as Doc[]
  } catch (e) {
    throw asRequestFailed(e)
  }
}
