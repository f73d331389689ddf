import { ApiError } from './errors'

/** What every function returns: `{ ok: true, data }` or `{ ok: false, code, message }`. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message?: string }

/** The data of a success envelope; a refusal (or anything that is not an envelope) as an ApiError. */
export function unwrap<T>(body: unknown): T {
  if (body && typeof body === 'object') {
    const env = body as Partial<Envelope<T>> & { code?: unknown }
    if (env.ok === true && 'data' in env) return env.data as T
    if (env.ok === false) return fail(typeof env.code === 'string' && env.code !== '' ? env.code : 'INTERNAL', env.message)
  }
  return fail('INTERNAL')
}

function fail(code: string, detail?: unknown): never {
  throw new ApiError(code, detail)
}
