import type * as v from 'valibot'
import { contracts, type ActionName, type FnName, type Input } from '@core/contracts'
import { isPlainObject, parseInput } from '@core/contracts/parse-input'
import { messageFor, type ErrorCode } from '@core/errors'
import { AppError, type Envelope } from '@core/result'
import type { Ctx } from './context'
import { getDb } from './platform/cloudbase'
import { callerFromContext } from './platform/identity'
import { isCollectionMissing, missingCollections, missingCollectionsLine } from './setup/missing'

export type Request<F extends FnName> = { [A in ActionName<F>]: { action: A; input: Input<F, A> } }[ActionName<F>]

export type Dispatch<F extends FnName> = (req: Request<F>, ctx: Ctx) => Promise<unknown>

/** Keys the platform itself adds to a callFunction event; everything else must be declared. */
const PLATFORM_EVENT_KEYS = new Set(['userInfo', 'tcbContext'])

export function fail(code: ErrorCode, message?: string): Envelope<never> {
  return { ok: false, code, message: message ?? messageFor(code) }
}

/** Parses `{ action, input }` against the function's contract; returns an envelope on any mismatch. */
export function parseRequest<F extends FnName>(fn: F, event: unknown): Request<F> | Envelope<never> {
  if (!isPlainObject(event)) return fail('INVALID_INPUT', '请求格式不正确')
  const { action, input, ...rest } = event
  const extra = Object.keys(rest).filter((k) => !PLATFORM_EVENT_KEYS.has(k))
  if (extra.length > 0) return fail('INVALID_INPUT', `不认识的字段：${extra.slice(0, 3).join(', ')}`)
  const contract = contracts[fn] as Record<string, { input: v.GenericSchema }>
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(contract, action)) {
    return fail('UNKNOWN_ACTION', typeof action === 'string' ? `不支持的操作：${action.slice(0, 40)}` : '请求缺少操作名')
  }
  // An array, null or primitive where the contract has an object is refused here, at any depth (parse-input.ts).
  const parsed = parseInput(contract[action].input, input === undefined ? {} : input)
  if (!parsed.ok) return fail('INVALID_INPUT', parsed.path ? `输入内容有误：${parsed.path}` : messageFor('INVALID_INPUT'))
  return { action, input: parsed.output } as Request<F>
}

function isEnvelope(x: unknown): x is Envelope<never> {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false
}

let seq = 0

/**
 * Wraps a function's dispatch into the `main(event, context)` that CloudBase calls. Expected failures
 * (AppError) become `{ ok: false, code, message }`; anything else is logged and answered as INTERNAL
 * without leaking internals to the caller.
 */
export function defineFunction<F extends FnName>(fn: F, dispatch: Dispatch<F>) {
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    const req = parseRequest(fn, event)
    if (isEnvelope(req)) return req
    const requestId =
      (context as { request_id?: string } | undefined)?.request_id ?? `${fn}-${Date.now().toString(36)}-${++seq}`
    const ctx: Ctx = { fn, requestId, caller: callerFromContext(context), db: getDb(), now: () => Date.now() }
    try {
      return { ok: true, data: await dispatch(req, ctx) }
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.message === e.code ? undefined : e.message)
      console.error(`[${fn}.${req.action}] ${requestId}`, e)
      // A fresh environment whose setup step was skipped: name what is missing and the command that fixes it.
      if (isCollectionMissing(e)) console.error(missingCollectionsLine(await missingCollections(ctx.db).catch(() => [])))
      return fail('INTERNAL')
    }
  }
}

export function unreachable(x: never): never {
  throw new Error(`unhandled action ${JSON.stringify(x)}`)
}
