import { evalExpr } from 'mingo/core'
import { Lazy } from 'mingo/lazy'
import type { PipelineOp } from './types'
import { Codes, DbError } from '../errors'
import { isPlainObject } from '../values'
import { compareBson } from './bson-order'

const fail = (msg: string) => new DbError(Codes.REQUEST_FAILED, `$bucket: ${msg}`)
const typeClass = (v: unknown) => (typeof v === 'number' ? 'number' : v instanceof Date ? 'date' : typeof v)

/**
 * MongoDB's $bucket: each bucket holds boundaries[i] <= value < boundaries[i + 1] (mingo put a value equal to a
 * boundary into the bucket below), values outside go to `default`, and only buckets holding at least one
 * document are output, `_id` first.
 */
export const $bucket: PipelineOp = (collection, expr, options) => {
  if (!isPlainObject(expr)) throw fail('the stage takes an object')
  const bounds = expr.boundaries
  if (!Array.isArray(bounds) || bounds.length < 2) throw fail("'boundaries' must be an array of at least two values")
  for (let i = 1; i < bounds.length; i++) {
    if (typeClass(bounds[i]) !== typeClass(bounds[0])) throw fail("all 'boundaries' must have the same type")
    if (compareBson(bounds[i - 1], bounds[i]) >= 0) throw fail("'boundaries' must be sorted in ascending order")
  }
  const hasDefault = 'default' in expr
  const lower = bounds[0]
  const upper = bounds[bounds.length - 1]
  if (hasDefault && typeClass(expr.default) === typeClass(lower) && compareBson(expr.default, lower) >= 0 && compareBson(expr.default, upper) < 0) {
    throw fail("'default' must be less than the lowest boundary or greater than or equal to the highest")
  }
  const output = isPlainObject(expr.output) ? expr.output : { count: { $sum: 1 } }

  const run = (): object[] => {
    const groups: object[][] = bounds.slice(0, -1).map(() => [])
    const others: object[] = []
    for (const doc of collection.collect<object>()) {
      const key = evalExpr(doc, expr.groupBy as never, options) ?? null
      if (compareBson(key, lower) < 0 || compareBson(key, upper) >= 0) {
        if (!hasDefault) throw fail('a groupBy value falls outside the boundaries and no default is set')
        others.push(doc)
        continue
      }
      let i = 0
      while (compareBson(key, bounds[i + 1]) >= 0) i++
      groups[i].push(doc)
    }
    const out: object[] = []
    groups.forEach((docs, i) => {
      if (docs.length) out.push({ _id: bounds[i], ...(evalExpr(docs as never, output as never, options) as object) })
    })
    if (others.length) out.push({ _id: expr.default, ...(evalExpr(others as never, output as never, options) as object) })
    return out
  }
  let results: object[] | undefined
  let i = 0
  return Lazy(() => {
    results ??= run()
    return i < results.length ? { value: results[i++], done: false } : { done: true }
  })
}
