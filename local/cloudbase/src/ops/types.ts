import type { Iterator } from 'mingo/lazy'
import type { Options } from 'mingo/types/types'

/** The shapes of mingo's operator callbacks, stated plainly (mingo's own typings are unions of every operator). */
export type { Options }
export type QueryOp = (selector: string, value: unknown, options: Options) => (obj: Record<string, unknown>) => boolean
export type ExpressionOp = (obj: unknown, expr: unknown, options: Options) => unknown
export type PipelineOp = (collection: Iterator, expr: unknown, options: Options) => Iterator
