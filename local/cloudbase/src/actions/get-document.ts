import { parseEJSONObject, toCanonical } from '../ejson'
import type { ActionContext, ActionReply } from '../params'
import { collectionName, ejsonParam, intParam, queryParam, transactionOf } from '../params'
import { nearOrder } from '../ops/geo'
import { compileFilter, parseOrder, shapeDocs } from '../query'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

/** `database.getDocument`: where/doc get, with orderBy, skip, limit and field projection. */
export async function getDocument(ctx: ActionContext): Promise<ActionReply> {
  const { engine, params, now } = ctx
  const coll = collectionName(params)
  const tx = transactionOf(ctx)
  const filter = compileFilter(queryParam(params, now))
  const sort = params.order !== undefined && params.order !== null ? parseOrder(ejsonParam(params, 'order')) : undefined
  const offset = intParam(params, 'offset', 0)
  const asked = intParam(params, 'limit', DEFAULT_LIMIT)
  const limit = Math.min(asked === 0 ? DEFAULT_LIMIT : asked, MAX_LIMIT)
  const projection = params.projection !== undefined && params.projection !== null ? parseEJSONObject(params.projection, 'projection') : undefined
  const matched = engine.match(coll, filter, tx, { sort, need: offset + limit })
  // `_.geoNear` orders by distance; an explicit orderBy then re-sorts (stably), as in MongoDB.
  const near = nearOrder(filter.criteria)
  const list = shapeDocs(near ? near(matched) : matched, { sort, skip: offset, limit, projection }).map(toCanonical)
  await engine.barrier()
  return { data: { list, limit, offset } }
}
