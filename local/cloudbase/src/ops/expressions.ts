import { evalExpr } from 'mingo/core'
import { $dayOfWeek, $dayOfYear } from 'mingo/operators/expression/date'
import { $substrBytes as mingoSubstrBytes } from 'mingo/operators/expression/string'
import type { ExpressionOp, Options } from './types'
import { DbError, Codes } from '../errors'
import { isPlainObject } from '../values'
import { compareBson } from './bson-order'

/** Aggregation expressions where mingo and MongoDB disagree; registered over mingo's own in ./context.ts. */

function args(obj: unknown, expr: unknown, options: Options, op: string, min: number, max: number): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max) {
    throw new DbError(Codes.REQUEST_FAILED, `${op} takes ${min === max ? min : `${min} to ${max}`} arguments`)
  }
  return evalExpr(obj as never, expr as never, options) as unknown[]
}

/** Comparisons in expressions follow the BSON type order and never look inside arrays (unlike query $gt). */
function comparison(op: string, test: (c: number) => boolean): ExpressionOp {
  return (obj, expr, options) => {
    const [a, b] = args(obj, expr, options, op, 2, 2)
    return test(compareBson(a, b))
  }
}

/** MongoDB's $week: weeks start on Sunday; days before the year's first Sunday are week 0. */
const $week: ExpressionOp = (obj, expr, options) => {
  const arg = evalExpr(obj as never, expr as never, options) as unknown
  if (arg === null || arg === undefined || (isPlainObject(arg) && (arg.date === null || arg.date === undefined))) return null
  const doy = $dayOfYear(obj as never, expr as never, options) as number | null // 1..366
  const dow = $dayOfWeek(obj as never, expr as never, options) as number | null // 1 = Sunday .. 7
  if (doy === null || doy === undefined || dow === null || dow === undefined) return null
  return Math.floor((doy - dow + 7) / 7)
}

/** $indexOfCP: like $indexOfBytes, counted in code points. */
const $indexOfCP: ExpressionOp = (obj, expr, options) => {
  const [str, search, start, end] = args(obj, expr, options, '$indexOfCP', 2, 4)
  if (str === null || str === undefined) return null
  if (typeof str !== 'string') throw new DbError(Codes.REQUEST_FAILED, '$indexOfCP requires a string as the first argument')
  if (typeof search !== 'string') throw new DbError(Codes.REQUEST_FAILED, '$indexOfCP requires a string as the second argument')
  const cps = [...str]
  const from = start ?? 0
  const to = end ?? cps.length
  for (const [name, v] of [['starting index', from], ['ending index', to]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new DbError(Codes.REQUEST_FAILED, `$indexOfCP ${name} must be a non-negative integer`)
    }
  }
  const needle = [...search]
  const last = Math.min(to as number, cps.length) - needle.length
  for (let i = from as number; i <= last; i++) {
    if (needle.every((c, j) => cps[i + j] === c)) return i
  }
  return -1
}

/** $substr / $substrBytes: a negative length means "to the end of the string". */
function substrBytes(op: string): ExpressionOp {
  return (obj, expr, options) => {
    const [s, index, count] = args(obj, expr, options, op, 3, 3)
    let n = count
    if (typeof n === 'number' && n < 0 && typeof s === 'string' && typeof index === 'number') {
      n = Math.max(0, Buffer.byteLength(s) - index)
    }
    return mingoSubstrBytes(obj as never, [{ $literal: s }, { $literal: index }, { $literal: n }] as never, options)
  }
}

export const EXPRESSION_OVERRIDES: Record<`$${string}`, ExpressionOp> = {
  $eq: comparison('$eq', (c) => c === 0),
  $ne: comparison('$ne', (c) => c !== 0),
  $gt: comparison('$gt', (c) => c > 0),
  $gte: comparison('$gte', (c) => c >= 0),
  $lt: comparison('$lt', (c) => c < 0),
  $lte: comparison('$lte', (c) => c <= 0),
  $cmp: (obj, expr, options) => {
    const [a, b] = args(obj, expr, options, '$cmp', 2, 2)
    return compareBson(a, b)
  },
  $week,
  $indexOfCP,
  $substr: substrBytes('$substr'),
  $substrBytes: substrBytes('$substrBytes'),
}
