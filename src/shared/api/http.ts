import Taro from '@tarojs/taro'
import { ApiError } from './errors'

export interface HttpResult {
  status: number
  /** Parsed JSON body, or undefined when the body was not JSON. */
  body: unknown
}

const TIMEOUT_MS = 15_000

/**
 * One HTTP exchange with the local gateway. A 4xx/5xx answer is a result (its body is an envelope), not an error;
 * only a failure to get any answer throws, as NETWORK. h5 uses fetch (no Taro.request polyfills in the bundle),
 * the mini-program Taro.request.
 */
export async function httpJson(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  if (process.env.TARO_ENV === 'h5') {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined
    const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined
    try {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
      })
      const text = await res.text()
      return { status: res.status, body: parseJson(text) }
    } catch {
      throw new ApiError('NETWORK')
    } finally {
      if (timer !== undefined) clearTimeout(timer)
    }
  }
  try {
    const res = await Taro.request({
      url,
      method,
      data: body as Record<string, unknown> | undefined,
      header: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      dataType: 'json', // a body that is not JSON arrives as the raw string
      timeout: TIMEOUT_MS,
    })
    return { status: res.statusCode, body: typeof res.data === 'string' ? parseJson(res.data) : res.data }
  } catch {
    throw new ApiError('NETWORK')
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
