import type * as v from 'valibot'
import type { ErrorCode } from '../errors'

/** Who may call an action. Checked inside the function against data, never taken from the request. */
export type Role = 'anyone' | 'user' | 'promoter' | 'staff' | 'owner' | 'admin' | 'platform'

export interface ActionSpec<I extends v.GenericSchema, O> {
  readonly input: I
  readonly roles: readonly Role[]
  readonly summary: string
  /** What `data` holds on success, in words and type names (for docs/api.md). */
  readonly returns: string
  readonly errors: readonly ErrorCode[]
  /** Phantom: carries the output type for the client; never set at runtime. */
  readonly __output?: O
}

export function action<O>() {
  return <I extends v.GenericSchema>(spec: Omit<ActionSpec<I, O>, '__output'>): ActionSpec<I, O> => spec
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = ActionSpec<v.GenericSchema, any>
export type Contract = Record<string, AnySpec>
export type InputOf<S> = S extends ActionSpec<infer I, unknown> ? v.InferOutput<I> : never
export type RawInputOf<S> = S extends ActionSpec<infer I, unknown> ? v.InferInput<I> : never
export type OutputOf<S> = S extends ActionSpec<v.GenericSchema, infer O> ? O : never
