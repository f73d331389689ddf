/**
 * HOW TO ADD AN OPEN-API HANDLER (the local WeChat platform behind `cloud.openapi.*` and `cloud.getOpenData`)
 *
 * 1. Create your own file in local/platform/openapi/apis/ (e.g. apis/shipping.ts). Every `.ts` file there is
 *    loaded by this registry; nobody else's file needs an edit. Export `handlers`, keyed by the API name exactly
 *    as wx-server-sdk sends it: `cloud.openapi.a.b.c(...)` arrives as 'a.b.c' (paths joined with '.').
 *
 *      import { wxOk, wxError, type OpenApiHandlers } from '../registry'
 *      export const handlers: OpenApiHandlers = {
 *        'subscribeMessage.send': (call) => {
 *          const touser = call.params.touser            // snake_case, JSON-parsed: the SDK converts camelCase
 *          if (typeof touser !== 'string') return wxError(40003, 'invalid openid')
 *          call.state('my-api', () => [] as unknown[]).push(call.params)   // per-emulator state (one per stack)
 *          return wxOk({ msgid: 1 })                    // the caller gets { msgid, errCode: 0, errMsg: '...:ok' }
 *        },
 *      }
 *
 * 2. Answer with `wxOk(body)` (JSON, errcode 0), `wxError(errcode, errmsg)` (wx-server-sdk throws an error whose
 *    errCode is `errcode`, as WeChat's JSON errors do) or `wxBytes(buffer, contentType)` (e.g. an image: the
 *    caller gets `{ contentType, buffer }`). Throwing answers the platform's system error (errCode -1).
 *    `call.now` is the local clock (ms); `call.media[key]` holds media parameters (`{ contentType, value }`).
 * 3. State that tests or the gateway must see: export a typed accessor from your file, e.g.
 *    `export const shipments = (e: OpenApiEmulator) => e.state('shipping', () => new Map<string, X>())`, and use
 *    it as `shipments(stack.openapi)` in tests (LocalStack.openapi is the emulator of that stack).
 * 4. Tests: tests/integration/openapi-*.test.ts call the production code (wx-server-sdk, unmodified) against
 *    startTestStack(); `stack.openapi.calls` lists every call with its answer's errcode.
 *
 * The wire format (local/platform/openapi/transport.ts) is node-sdk's `callCompatibleWxOpenApi`: multipart,
 * action `wx.openApi`, `requestData` a protobuf CommApiData; the answer a protobuf CommOpenApiResp. Production code
 * never imports anything here.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'

export interface MediaParam {
  value: Buffer
  contentType: string
  filename?: string
}

export interface OpenApiCall {
  /** 'subscribeMessage.send', 'wxacode.getUnlimited', ... or a svrkit name ('ApiGetOpenDataByCloudId'). */
  api: string
  appid?: string
  /** OPEN_API parameters, snake_case keys as the SDK sent them, values JSON-parsed (text kept when not JSON). */
  params: Record<string, unknown>
  media: Record<string, MediaParam>
  /** SVRKIT_API calls (cloud.getOpenData): the raw protobuf request. */
  svrkit?: Buffer
  /** The local clock, ms. */
  now: number
  /** Per-emulator state, created on first use. */
  state<T>(key: string, init: () => T): T
  emulator: OpenApiEmulator
}

export type OpenApiAnswer =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'bytes'; bytes: Buffer; contentType: string }
  | { kind: 'svrkit'; bytes: Buffer }

export type OpenApiHandler = (call: OpenApiCall) => OpenApiAnswer | Promise<OpenApiAnswer>
export type OpenApiHandlers = Record<string, OpenApiHandler>

export const wxOk = (body: Record<string, unknown> = {}): OpenApiAnswer => ({ kind: 'json', body: { errcode: 0, errmsg: 'ok', ...body } })
export const wxError = (errcode: number, errmsg: string): OpenApiAnswer => ({ kind: 'json', body: { errcode, errmsg } })
export const wxBytes = (bytes: Buffer, contentType: string): OpenApiAnswer => ({ kind: 'bytes', bytes, contentType })

export interface OpenApiCallRecord {
  api: string
  at: number
  params: Record<string, unknown>
  /** 0 for success; WeChat's errcode otherwise (-1: the handler threw, or the API is not emulated). */
  errcode: number
  errmsg?: string
}

let loaded: OpenApiHandlers | undefined

/** Every handler file in ./apis (loaded once; a name defined twice is a programming error). */
export function allHandlers(): OpenApiHandlers {
  if (loaded) return loaded
  const dir = path.join(__dirname, 'apis')
  const out: OpenApiHandlers = {}
  const files = readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort()
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(path.join(dir, f)) as { handlers?: OpenApiHandlers }
    for (const [name, h] of Object.entries(mod.handlers ?? {})) {
      if (out[name]) throw new Error(`openapi handler ${name} is defined twice (apis/${f})`)
      out[name] = h
    }
  }
  loaded = out
  return out
}

export interface OpenApiEmulatorOptions {
  now?: () => number
  /** Extra or replacing handlers (tests). */
  handlers?: OpenApiHandlers
}

/** One local WeChat open-API platform: the handlers, their state, and a record of every call. */
export class OpenApiEmulator {
  readonly calls: OpenApiCallRecord[] = []
  private readonly store = new Map<string, unknown>()
  private readonly handlers: OpenApiHandlers
  readonly now: () => number

  constructor(opts: OpenApiEmulatorOptions = {}) {
    this.now = opts.now ?? Date.now
    this.handlers = { ...allHandlers(), ...opts.handlers }
  }

  state<T>(key: string, init: () => T): T {
    if (!this.store.has(key)) this.store.set(key, init())
    return this.store.get(key) as T
  }

  has(api: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.handlers, api)
  }

  async call(c: Omit<OpenApiCall, 'now' | 'state' | 'emulator'>): Promise<OpenApiAnswer> {
    const now = this.now()
    const record: OpenApiCallRecord = { api: c.api, at: now, params: c.params, errcode: 0 }
    this.calls.push(record)
    if (this.calls.length > 1000) this.calls.splice(0, this.calls.length - 1000)
    let answer: OpenApiAnswer
    if (!this.has(c.api)) {
      answer = wxError(-1, `openapi ${c.api} is not emulated (local/platform/openapi/apis)`)
    } else {
      try {
        answer = await this.handlers[c.api]({ ...c, now, state: (k, init) => this.state(k, init), emulator: this })
      } catch (e) {
        answer = wxError(-1, `system error: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    if (answer.kind === 'json' && typeof answer.body.errcode === 'number' && answer.body.errcode !== 0) {
      record.errcode = answer.body.errcode
      record.errmsg = String(answer.body.errmsg ?? '')
    }
    return answer
  }
}
