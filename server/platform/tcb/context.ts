/**
 * The SCF context and environment as @cloudbase/node-sdk 3.18.3 reads them (dist/utils/tcbcontext.js and
 * cloudplatform.js), ported line for line so the functions need not load the whole SDK to read them.
 * tests/unit/tcb-lean.test.ts checks the port against the SDK's own functions.
 */
import { TcbError } from './error'

export type CloudbaseContext = Record<string, string | string[] | undefined>

export function checkIsInScf(): boolean {
  return process.env.TENCENTCLOUD_RUNENV === 'SCF'
}

export function checkIsInCBR(): boolean {
  return !!process.env.CBR_ENV_ID
}

const SUMERU_ENVS = new Set(['formal', 'pre', 'test'])

function checkIsInSumeru(): boolean {
  return SUMERU_ENVS.has(process.env.SUMERU_ENV ?? '')
}

/**
 * The SDK also probes the metadata host (axios GET .../meta-data/app-id) when TENCENTCLOUD is not 'true'; that probe
 * can never answer yes: axios parses the all-digit app id into a number, which the SDK's isNonEmptyString rejects.
 * So the answer is the environment variable alone, without a request that can take 30 ms.
 */
function checkIsInTencentCloud(): boolean {
  return process.env.TENCENTCLOUD === 'true'
}

export function checkIsInternal(): boolean {
  return checkIsInScf() || checkIsInCBR() || checkIsInSumeru() || checkIsInTencentCloud()
}

export function currentRunEnvTag(): string {
  if (checkIsInScf()) return 'scf'
  if (checkIsInCBR()) return 'cbr'
  if (checkIsInSumeru()) return 'sumeru'
  if (checkIsInTencentCloud()) return 'tencentcloud'
  return 'unknown'
}

interface ScfContext {
  environment?: string
  environ?: string
}

/** The `environment` (JSON) or, on the old architecture, `environ` (k=v;k=v, comma lists) of an SCF context. */
function contextEnvironment(context: unknown): CloudbaseContext {
  if (typeof context !== 'object') {
    throw new TcbError({ code: 'INVALID_CONTEXT', message: 'context 必须为对象类型' })
  }
  const { environment, environ } = (context ?? {}) as ScfContext
  try {
    if (environment) return JSON.parse(environment) as CloudbaseContext
    const parsed: Record<string, string | string[]> = {}
    for (const part of (environ as string).split(';')) {
      const eq = part.indexOf('=')
      if (eq < 0) continue
      const value = part.slice(eq + 1)
      parsed[part.slice(0, eq)] = value.indexOf(',') >= 0 ? value.split(',') : value
    }
    return parsed
  } catch {
    throw new TcbError({ code: 'INVALID_CONTEXT', message: '无效的context对象，请使用 云函数入口的context参数' })
  }
}

const PROCESS_KEYS = [
  'TRIGGER_SRC',
  '_SCF_TCB_LOG',
  'SCF_NAMESPACE',
  'TENCENTCLOUD_RUNENV',
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'TENCENTCLOUD_SESSIONTOKEN',
  'WX_CONTEXT_KEYS',
  'WX_TRIGGER_API_TOKEN_V0',
  'WX_CLIENTIP',
  'WX_CLIENTIPV6',
  'TCB_CONTEXT_KEYS',
  'TCB_CONTEXT_CNFG',
  'LOGINTYPE',
] as const

/**
 * node-sdk's `getCloudbaseContext(context)`: the process environment's TCB keys, the keys TCB_CONTEXT_KEYS and
 * WX_CONTEXT_KEYS name (context first), then the context's own environment over all of them.
 */
export function getCloudbaseContext(context?: unknown): CloudbaseContext {
  if (checkIsInScf()) {
    if (!process.env.TENCENTCLOUD_REGION) console.error('[TCB][ERROR] missing `TENCENTCLOUD_REGION` environment')
    if (!process.env.SCF_NAMESPACE) console.error('[TCB][ERROR] missing `SCF_NAMESPACE` environment')
  }
  const fromProcess: CloudbaseContext = {}
  for (const k of PROCESS_KEYS) fromProcess[k] = process.env[k]
  const fromContext = context ? contextEnvironment(context) : {}
  for (const keys of [fromContext.TCB_CONTEXT_KEYS || process.env.TCB_CONTEXT_KEYS, fromContext.WX_CONTEXT_KEYS || process.env.WX_CONTEXT_KEYS]) {
    // The SDK calls .split on whatever it finds and ignores a failure (an array has no .split).
    if (typeof keys !== 'string' || !keys) continue
    for (const item of keys.split(',')) fromProcess[item] = fromContext[item] || process.env[item]
  }
  const all = { ...fromProcess, ...fromContext }
  const result: CloudbaseContext = {}
  for (const key in all) if (all[key] !== undefined) result[key] = all[key]
  return result
}

/** TCB_CONTEXT_CNFG's URL: the service the platform (or the local runtime) points the SDK at. */
export function serverInjectUrl(): string {
  try {
    const { TCB_CONTEXT_CNFG } = getCloudbaseContext()
    return TCB_CONTEXT_CNFG ? ((JSON.parse(TCB_CONTEXT_CNFG as string) as { URL?: string }).URL || '') : ''
  } catch (e) {
    console.error('[TCB][ERROR] parse context error: ', e)
    return ''
  }
}

export function envIdFromContext(): string {
  const { TCB_ENV, SCF_NAMESPACE } = getCloudbaseContext()
  return ((TCB_ENV || SCF_NAMESPACE || '') as string)
}
