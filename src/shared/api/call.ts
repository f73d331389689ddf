import Taro from '@tarojs/taro'
import type { ActionName, FnName, Output, RawInput } from '@core/contracts'
import { unwrap } from './envelope'
import { ApiError } from './errors'
import { httpJson, type HttpResult } from './http'
import { DEFAULT_PERSONA_KEY, getStoredOpenid, storeOpenid, type Persona } from './identity'

/**
 * THE way the client calls a cloud function. `{ action, input }` goes to function `fn`; the envelope that comes
 * back becomes the data, or an ApiError whose message is the Chinese text for its code.
 *
 * Backend, chosen at build time (config/index.ts):
 * - weapp + TUANKA_BACKEND 'cloud' (production): Taro.cloud.callFunction, identity from WeChat;
 * - otherwise (h5, weapp local builds): POST {TUANKA_API_BASE}/fn/<fn> on the local gateway, identity = the
 *   chosen demo persona's openid in `x-tuanka-openid`.
 */
export async function callFunction<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: RawInput<F, A>,
): Promise<Output<F, A>> {
  const event = { action, input }
  if (process.env.TARO_ENV === 'weapp' && TUANKA_BACKEND === 'cloud') {
    return unwrap<Output<F, A>>(await viaCloud(fn, event))
  }
  return unwrap<Output<F, A>>(await viaGateway(fn, event))
}

async function viaCloud(fn: string, event: { action: string; input: unknown }): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: event })
    return res.result
  } catch (e) {
    throw new ApiError(cloudFailureCode(e))
  }
}

/** wx.cloud rejects both when the request never arrives and when the function itself crashed or timed out. */
function cloudFailureCode(e: unknown): string {
  const text = e && typeof e === 'object' ? `${String((e as { errMsg?: unknown }).errMsg ?? '')} ${String((e as { message?: unknown }).message ?? '')}` : String(e)
  return /request:fail|network|timeout|offline/i.test(text) ? 'NETWORK' : 'INTERNAL'
}

async function viaGateway(fn: string, event: { action: string; input: unknown }): Promise<unknown> {
  const openid = await localOpenid()
  const res = await httpJson('POST', `${TUANKA_API_BASE}/fn/${encodeURIComponent(fn)}`, event, openid ? { 'x-tuanka-openid': openid } : {})
  return envelopeOrFailure(res)
}

/** The gateway answers every call with an envelope (whatever the HTTP status); a proxy's error page means unreachable. */
function envelopeOrFailure(res: HttpResult): unknown {
  const b = res.body as { ok?: unknown } | undefined
  if (b && typeof b === 'object' && typeof b.ok === 'boolean') return b
  throw new ApiError(res.status === 0 || res.status === 502 || res.status === 503 || res.status === 504 ? 'NETWORK' : 'INTERNAL')
}

// ---- local payment sheet (gateway only) ----

/** Local mode only: what the emulated 微信支付 sheet shows for WeChat Pay's `package` (GET /local/pay). */
export async function previewLocalPayment(pkg: string): Promise<{ amountFen: number; description: string }> {
  const res = await httpJson('GET', `${TUANKA_API_BASE}/local/pay?package=${encodeURIComponent(pkg)}`)
  return unwrap<{ amountFen: number; description: string }>(envelopeOrFailure(res))
}

/**
 * Local mode only: the emulated 微信支付 sheet's 确认支付. POST {TUANKA_API_BASE}/local/pay `{ package }` tells the
 * WeChat Pay emulator the buyer paid; it delivers WeChat's payment callback to the payments function. Resolves when
 * the callback was accepted; a refused prepay is an ApiError (PAYMENT_INVALID, ORDER_NOT_PAYABLE).
 */
export async function confirmLocalPayment(pkg: string): Promise<void> {
  const res = await httpJson('POST', `${TUANKA_API_BASE}/local/pay`, { package: pkg })
  unwrap<unknown>(envelopeOrFailure(res))
}

// ---- local identity (gateway only) ----

/** The demo personas the local gateway knows (GET /local/personas). */
export async function getLocalPersonas(): Promise<Persona[]> {
  const res = await httpJson('GET', `${TUANKA_API_BASE}/local/personas`)
  const list = (res.body as { personas?: unknown } | undefined)?.personas
  if (res.status !== 200 || !Array.isArray(list)) throw new ApiError(res.status >= 502 ? 'NETWORK' : 'INTERNAL')
  return list.filter(
    (p): p is Persona =>
      !!p && typeof p === 'object' && typeof p.key === 'string' && typeof p.label === 'string' && typeof p.openid === 'string',
  )
}

let defaultOpenid: Promise<string | null> | null = null

/** The chosen persona's openid; without a choice yet, the default persona's (consumer), remembered. */
export async function localOpenid(): Promise<string | null> {
  const stored = getStoredOpenid()
  if (stored) return stored
  if (!defaultOpenid) {
    defaultOpenid = getLocalPersonas().then(
      (ps) => {
        const p = ps.find((x) => x.key === DEFAULT_PERSONA_KEY)
        if (!p) return null
        storeOpenid(p.openid)
        return p.openid
      },
      () => {
        defaultOpenid = null // try again on the next call
        return null
      },
    )
  }
  return defaultOpenid
}

/** Switches the local persona (the persona switcher); the caller reloads the pages. */
export function chooseLocalPersona(openid: string): void {
  storeOpenid(openid)
  defaultOpenid = null
}

/** Forgets the remembered default persona (after storage was cleared, e.g. between tests). */
export function forgetLocalIdentity(): void {
  defaultOpenid = null
}
