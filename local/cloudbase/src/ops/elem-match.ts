import { $elemMatch as mingoElemMatch } from 'mingo/operators/query'
import { Query } from 'mingo/query'
import type { QueryOp } from './types'
import { resolve } from 'mingo/util'
import { isPlainObject } from '../values'

const LOGICAL = new Set(['$and', '$or', '$nor'])

/**
 * `{ tags: { $elemMatch: { value: { $gt: 0 } } } }` names fields, so in MongoDB only embedded documents can
 * match; mingo also tests plain numbers and strings against it. Operator-only criteria (`{ $gt: 0 }`) test the
 * elements themselves and stay with mingo.
 */
export const $elemMatch: QueryOp = (selector, criteria, options) => {
  const namesFields = isPlainObject(criteria) && Object.keys(criteria).some((k) => !k.startsWith('$') || LOGICAL.has(k))
  if (!namesFields) return mingoElemMatch(selector, criteria as never, options)
  const q = new Query(criteria as object, options)
  return (obj) => {
    const arr = resolve(obj, selector, { unwrapArray: true })
    return Array.isArray(arr) && arr.some((x) => isPlainObject(x) && q.test(x))
  }
}
