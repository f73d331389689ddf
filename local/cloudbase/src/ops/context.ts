import { Aggregator as MingoAggregator } from 'mingo/aggregator'
import { Context } from 'mingo/core'
import * as accumulator from 'mingo/operators/accumulator'
import * as expression from 'mingo/operators/expression'
import * as pipeline from 'mingo/operators/pipeline'
import * as projection from 'mingo/operators/projection'
import * as query from 'mingo/operators/query'
import * as window from 'mingo/operators/window'
import { Query as MingoQuery } from 'mingo/query'
import type { Options, QueryOp } from './types'
import { $bucket } from './bucket'
import { $elemMatch } from './elem-match'
import { EXPRESSION_OVERRIDES } from './expressions'
import { $geoNear, GEO_QUERY_OPS } from './geo'
import { jsonSchemaValidator } from './json-schema'

/**
 * mingo's operators with ours put over the ones where mingo and MongoDB/TCB disagree, plus the ones mingo lacks
 * (geo, $indexOfCP, a $jsonSchema validator). mingo's default entry point keeps its own operators ahead of any
 * added ones, so the whole operator set is assembled here and every query and pipeline runs with it.
 */
const CONTEXT = Context.init({
  accumulator: { ...accumulator },
  expression: { ...expression, ...(EXPRESSION_OVERRIDES as unknown as Record<string, never>) },
  pipeline: { ...pipeline, ...({ $bucket, $geoNear } as unknown as Record<string, never>) },
  projection: { ...projection },
  query: { ...query, ...({ $elemMatch, ...GEO_QUERY_OPS } as unknown as Record<string, never>) },
  window: { ...window },
})

/**
 * mingo copies every operator table of the context (hundreds of operators) for each query or pipeline it is given
 * plain options for (ComputeOptions.init -> Context.from), which is most of what compiling a small filter costs; given
 * its own ComputeOptions it reuses them. That class is not exported, so it is taken once from the options mingo hands
 * a query operator, and every query and pipeline gets an instance over the same defaults and operators.
 */
type OptionsClass = { new (options: Partial<Options>): Partial<Options>; init(options: Partial<Options>): { options: Partial<Options> } }
const ComputeOptions = ((): OptionsClass => {
  let seen: { constructor: OptionsClass } | undefined
  const probe: QueryOp = (_field, _value, options) => {
    seen = options as unknown as { constructor: OptionsClass }
    return () => true
  }
  new MingoQuery({ x: { $probe: 1 } } as never, { context: Context.init({ query: { $probe: probe } as unknown as Record<string, never> }) })
  if (!seen) throw new Error('mingo did not pass its options to a query operator')
  return seen.constructor
})()
const BASE = ComputeOptions.init({ context: CONTEXT, jsonSchemaValidator }).options

const withContext = (options?: Partial<Options>): Partial<Options> => new ComputeOptions({ ...BASE, ...options, context: BASE.context, jsonSchemaValidator })

export class Query<T = Record<string, unknown>> extends MingoQuery<T> {
  constructor(condition: object, options?: Partial<Options>) {
    super(condition as never, withContext(options))
  }
}

export class Aggregator extends MingoAggregator {
  constructor(stages: object[], options?: Partial<Options>) {
    super(stages as never, withContext(options))
  }
}
