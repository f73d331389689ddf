import http from 'node:http'
import https from 'node:https'
import { parse as parseUrl } from 'node:url'
import { readFileSync, existsSync } from 'node:fs'
import { sign } from '@cloudbase/signature-nodejs'
import { TcbError } from './error'
import { checkIsInCBR, checkIsInScf, checkIsInternal, currentRunEnvTag, getCloudbaseContext } from './context'

/**
 * The database requester of @cloudbase/node-sdk 3.18.3 (TcbDBApiHttpRequester -> tcbapirequester.request ->
 * request-core), ported for the one configuration the functions use, `init({ env: SYMBOL_CURRENT_ENV })`:
 * same URL, same signed headers (the SDK's own @cloudbase/signature-nodejs), same JSON body, same errors.
 * Not ported because that configuration never reaches them: proxy, retries, timing logs, cross-account
 * credentials, form data. tests/unit/tcb-lean.test.ts compares every request with the SDK's for the same inputs.
 */

/** The SDK version whose protocol this speaks (a unit test keeps it equal to the installed node-sdk's). */
export const SDK_VERSION = '3.18.3'
export const SYMBOL_CURRENT_ENV = Symbol.for('SYMBOL_CURRENT_ENV')
const SYMBOL_DEFAULT_ENV = Symbol.for('SYMBOL_DEFAULT_ENV')

export interface TcbConfig {
  env?: string | symbol
  envName?: string | symbol
  debug?: boolean
  timeout?: number
  headers?: Record<string, unknown>
  secretId?: string
  secretKey?: string
  sessionToken?: string
  accessKey?: string
  region?: string
  protocol?: string
  serviceUrl?: string
  keepalive?: boolean
  version?: string
  instance?: string
  database?: string
}

/** node-sdk's normalizeConfig for a config without explicit keys or context (credentials are read per request). */
export function normalizeConfig(config: TcbConfig): TcbConfig {
  if (!config.secretId !== !config.secretKey) throw new TcbError({ code: 'INVALID_PARAM', message: 'secretId and secretKey must be a pair' })
  const base: TcbConfig = { ...config, debug: config.debug ?? false, envName: config.env, headers: { ...(config.headers ?? {}) }, timeout: config.timeout ?? 15000 }
  if (config.accessKey) return Object.assign(base, { secretId: undefined, secretKey: undefined, accessKey: config.accessKey })
  if (config.secretId && config.secretKey) return Object.assign(base, { secretId: config.secretId, secretKey: config.secretKey, accessKey: undefined })
  const { CLOUDBASE_APIKEY } = process.env
  if (CLOUDBASE_APIKEY) return Object.assign(base, { secretId: undefined, secretKey: undefined, accessKey: CLOUDBASE_APIKEY })
  return base
}

let seqNum = 0

type Env = Record<string, string | undefined>

function tracingInfo(env: Env): { seqId: string; trace: string | undefined } {
  const { TCB_SEQID = '', TCB_TRACELOG } = env
  const eventId = Date.now().toString(16) + '_' + (++seqNum).toString(16)
  return { seqId: TCB_SEQID ? `${TCB_SEQID}-${eventId}` : eventId, trace: TCB_TRACELOG }
}

const ENV_FORMAT = /^[a-z0-9_-]{1,40}$/

/** context.ts serverInjectUrl, from the request's one read of the context. */
function injectedUrl(env: Env): string {
  try {
    const { TCB_CONTEXT_CNFG } = env
    return TCB_CONTEXT_CNFG ? ((JSON.parse(TCB_CONTEXT_CNFG) as { URL?: string }).URL || '') : ''
  } catch (e) {
    console.error('[TCB][ERROR] parse context error: ', e)
    return ''
  }
}

function buildUrl(env: Env, o: { envId: string; region?: string; protocol: string; serviceUrl?: string; seqId: string; isInternal: boolean }): string {
  const region = o.region || process.env.TENCENTCLOUD_REGION || ''
  const internet = region ? `${region}.tcb-api.tencentcloudapi.com` : 'tcb-api.tencentcloudapi.com'
  const internal = region ? `internal.${region}.tcb-api.tencentcloudapi.com` : 'internal.tcb-api.tencentcloudapi.com'
  const sameRegion = region ? region === process.env.TENCENTCLOUD_REGION : true
  const endpoint = sameRegion && o.isInternal ? internal : internet
  const envEndpoint = ENV_FORMAT.test(o.envId) ? `${o.envId}.${endpoint}` : endpoint
  const protocol = o.isInternal ? 'http' : o.protocol
  const url = o.serviceUrl || injectedUrl(env) || `${protocol}://${envEndpoint}/admin`
  const qs = `env=${o.envId}&seqId=${o.seqId}`
  return url.includes('?') ? `${url}${qs}` : `${url}?${qs}`
}

const CBR_TOKEN_PATH = '/.tencentcloudbase/wx/cloudbase_access_token'
const cbrToken = { token: '', at: 0 }

function wxCloudToken(env: Env): { wxCloudApiToken: string; wxCloudbaseAccesstoken?: string } {
  const { TRIGGER_SRC, WX_TRIGGER_API_TOKEN_V0, WX_API_TOKEN, WX_CLOUDBASE_ACCESSTOKEN = '' } = env
  const wxCloudApiToken = TRIGGER_SRC === 'timer' ? WX_TRIGGER_API_TOKEN_V0 || WX_API_TOKEN || '' : WX_API_TOKEN || ''
  if (wxCloudApiToken) return { wxCloudApiToken }
  return { wxCloudApiToken, wxCloudbaseAccesstoken: WX_CLOUDBASE_ACCESSTOKEN || cbrAccessToken() }
}

function cbrAccessToken(): string {
  if (cbrToken.token && Date.now() - cbrToken.at < 10 * 60 * 1000) return cbrToken.token
  try {
    if (checkIsInCBR() && existsSync(CBR_TOKEN_PATH)) {
      cbrToken.token = readFileSync(CBR_TOKEN_PATH).toString()
      cbrToken.at = Date.now()
      return cbrToken.token
    }
  } catch (e) {
    console.warn('[TCB][ERROR]: loadWxCloudbaseAccesstoken error: ', (e as Error).message)
  }
  return ''
}

/** Keys from the config, else (re-read on every request: SCF's temporary keys expire) from the environment. */
function withCredentials(config: TcbConfig, env: Env): TcbConfig {
  let { secretId, secretKey, sessionToken } = config
  if (!secretId || !secretKey) {
    const { TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, TENCENTCLOUD_SESSIONTOKEN } = env
    if (TENCENTCLOUD_SECRETID && TENCENTCLOUD_SECRETKEY) {
      secretId = TENCENTCLOUD_SECRETID
      secretKey = TENCENTCLOUD_SECRETKEY
      sessionToken = TENCENTCLOUD_SESSIONTOKEN
    }
  }
  const next = { ...config, secretId, secretKey, sessionToken }
  if (!next.secretId || !next.secretKey) {
    throw new TcbError({ code: 'INVALID_PARAM', message: 'missing secretId or secretKey of tencent cloud, please set secretId and secretKey in config' })
  }
  return next
}

type Params = Record<string, unknown>

function makeParams(base: Params, config: TcbConfig, env: Env): Params {
  const { TCB_SESSIONTOKEN } = env
  const { wxCloudApiToken, wxCloudbaseAccesstoken } = wxCloudToken(env)
  const params: Params = {
    ...base,
    envName: config.envName || '',
    wxCloudApiToken,
    wxCloudbaseAccesstoken,
    tcb_sessionToken: TCB_SESSIONTOKEN || '',
    sessionToken: config.sessionToken,
    crossAuthorizationToken: '',
  }
  if (!params.envName) {
    if (checkIsInScf()) {
      params.envName = envIdOf(env)
      console.warn(`[TCB][WARN] 当前未指定env，将默认使用当前函数所在环境的环境：${params.envName as string}！`)
    } else {
      console.warn('[TCB][WARN] 当前未指定env，将默认使用第一个创建的环境！')
    }
  }
  if (params.envName === SYMBOL_CURRENT_ENV) params.envName = envIdOf(env)
  else if (params.envName === SYMBOL_DEFAULT_ENV) params.envName = ''
  for (const k in params) if (params[k] === undefined) delete params[k]
  return params
}

/** context.ts envIdFromContext, from the request's one read of the context. */
const envIdOf = (env: Env) => env.TCB_ENV || env.SCF_NAMESPACE || ''

function signedHeaders(config: TcbConfig, env: Env, url: string, params: Params, clientTimestamp: number, trace: string | undefined): Record<string, unknown> {
  const { TCB_SOURCE } = env
  const source = `${TCB_SOURCE || ''},${currentRunEnvTag()}`
  let headers: Record<string, unknown> = {
    'User-Agent': `tcb-node-sdk/${SDK_VERSION}`,
    'X-TCB-Source': source,
    'X-Client-Timestamp': clientTimestamp,
    'X-SDK-Version': `tcb-node-sdk/${SDK_VERSION}`,
    // The signer parses the URL with url.parse; so does the SDK, and the two must agree on the host.
    Host: parseUrl(url).host,
  }
  if (config.version) headers['X-SDK-Version'] = config.version
  if (trace) headers['X-TCB-Tracelog'] = trace
  const region = config.region || process.env.TENCENTCLOUD_REGION || ''
  if (region) headers['X-TCB-Region'] = region
  headers = { ...config.headers, 'content-type': 'application/json', ...headers }
  const { authorization, timestamp } = sign({
    secretId: config.secretId as string,
    secretKey: config.secretKey as string,
    method: 'post',
    url,
    params,
    headers,
    withSignedParams: true,
    timestamp: Math.floor(new Date().getTime() / 1000) - 1,
  })
  headers['Authorization'] = config.accessKey ? `Bearer ${config.accessKey}` : authorization
  headers['X-Signature-Expires'] = 600
  headers['X-Timestamp'] = timestamp
  return { ...headers }
}

const agents: Record<string, http.Agent> = {}

/** Outside SCF the SDK keeps connections alive with agentkeepalive (loaded only then, never in production). */
function agentFor(url: string, keepalive: boolean, timeout: number): http.Agent | null {
  if (!keepalive) return null
  const isHttps = url.startsWith('https')
  const key = `protocol=${isHttps ? 'https' : 'http'}timeout=${timeout}`
  agents[key] ??= (() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const AgentKeepAlive = require('agentkeepalive') as typeof import('agentkeepalive')
    const opts = { keepAliveMsecs: 3000, maxSockets: 100, maxFreeSockets: 10, freeSocketTimeout: 4800, socketActiveTTL: null as unknown as number }
    return isHttps ? new AgentKeepAlive.HttpsAgent({ ...opts }) : new AgentKeepAlive({ ...opts })
  })()
  return agents[key]
}

interface Response {
  statusCode: number
  body: unknown
}

function send(url: string, headers: Record<string, unknown>, params: Params, timeout: number, keepalive: boolean): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(params)
    const options: http.RequestOptions = {
      method: 'post',
      headers: { ...headers, 'content-length': Buffer.byteLength(body, 'utf8') } as http.OutgoingHttpHeaders,
      timeout: timeout || 1,
      agent: agentFor(url, keepalive, timeout) as http.Agent,
    }
    const req = (url.startsWith('https') ? https : http).request(url, options, (res) => {
      const bufs: Buffer[] = []
      res.on('data', (c: Buffer) => bufs.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const buf = Buffer.concat(bufs)
        try {
          resolve({ statusCode: res.statusCode ?? 0, body: buf.byteLength === 0 ? undefined : JSON.parse(buf.toString()) })
        } catch (e) {
          reject(e)
        }
      })
    })
    req.on('abort', () => reject(new Error('request aborted by client')))
    req.on('error', reject)
    if (typeof timeout === 'number' && timeout >= 0) {
      let connected = false
      req.once('socket', (socket) => {
        if (req.reusedSocket) connected = true
        else socket.once('connect', () => (connected = true))
      })
      req.on('timeout', () => {
        const err = Object.assign(new Error(connected ? 'request timeout' : 'connect timeout'), {
          code: connected ? 'ESOCKETTIMEDOUT' : 'ETIMEDOUT',
          reusedSocket: req.reusedSocket,
          hasConnected: connected,
          connecting: req.socket?.connecting,
          url: `${req.protocol}://${req.host}${req.path}`,
        })
        reject(err)
      })
      req.setTimeout(timeout)
    }
    req.write(body)
    req.end()
  })
}

/** One database action, as node-sdk's tcbapirequester.request sends it. */
export async function requestDatabase(config: TcbConfig, data: Params, opts: { timeout?: number } = {}): Promise<unknown> {
  const clientTimestamp = new Date().valueOf()
  // The SDK reads the context (process environment and TCB keys) afresh at each step of a request; it cannot change
  // between them, so one read serves the whole request (SCF's temporary keys are still read per request).
  const env = getCloudbaseContext() as Env
  const { seqId, trace } = tracingInfo(env)
  const cfg = config.accessKey ? config : withCredentials(config, env)
  const params = makeParams(data, cfg, env)
  const url = buildUrl(env, {
    envId: (params.envName as string) || '',
    region: cfg.region,
    protocol: cfg.protocol || 'https',
    serviceUrl: cfg.serviceUrl,
    seqId,
    isInternal: checkIsInternal(),
  })
  const timeout = opts.timeout || cfg.timeout || 15000
  const keepalive = typeof cfg.keepalive === 'undefined' && !checkIsInScf() ? true : cfg.keepalive === true
  const headers = signedHeaders(cfg, env, url, params, clientTimestamp, trace)
  const slow =
    process.env.SILENCE !== 'true'
      ? setTimeout(() => console.warn(`[TCB][WARN] Your current request ${String(data.action || '')} is longer than 3s, it may be due to the network or your query performance | [${seqId}]`), 3000)
      : undefined
  let response: Response
  try {
    response = await send(url, headers, params, timeout, keepalive)
  } finally {
    if (slow) clearTimeout(slow)
  }
  if (response.statusCode !== 200) {
    throw new TcbError({ code: response.statusCode, message: `${response.statusCode} ${http.STATUS_CODES[response.statusCode]} | [${url}]` })
  }
  let result = response.body
  try {
    if (typeof result === 'string') result = JSON.parse(result)
  } catch {
    result = response.body
  }
  if ((result as { code?: unknown } | undefined)?.code) throw new TcbError({ ...(result as { code: string; message: string; requestId?: string }) })
  return result
}

/** The class @cloudbase/database instantiates per call (`Db.reqClass`), as node-sdk's TcbDBApiHttpRequester. */
export class TcbDbRequester {
  constructor(private readonly config: TcbConfig) {}

  async send(api: string, data: Params, opts?: { timeout?: number }): Promise<unknown> {
    const { instance, database, ...config } = this.config
    return await requestDatabase(config, { ...data, action: api, instance, database }, opts)
  }
}
