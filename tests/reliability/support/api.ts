import { randomBytes } from 'node:crypto'

export interface Reply {
  /** HTTP status; 0 when the request never got an answer (connection refused or reset). */
  status: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  text: string
  error?: string
}

/** The gateway as production traffic sees it: JSON over HTTP, identity in `x-tuanka-openid`. */
export class Api {
  constructor(public base: string) {}

  async post(path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
    try {
      const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
      const text = await res.text()
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = undefined
      }
      return { status: res.status, body: parsed, text }
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause
      return { status: 0, body: undefined, text: '', error: cause?.code ?? cause?.message ?? String(e) }
    }
  }

  call(fn: string, event: unknown, openid: string | null = null): Promise<Reply> {
    return this.post(`/fn/${fn}`, JSON.stringify(event), openid ? { 'x-tuanka-openid': openid } : {})
  }

  /** `{ action, input }` and the data of a successful reply; throws on anything else (fixtures, not attacks). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async ok(fn: string, action: string, input: unknown, openid: string | null): Promise<any> {
    const r = await this.call(fn, { action, input }, openid)
    if (!r.body?.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.status} ${r.text || r.error}`)
    return r.body.data
  }
}

export const key = (): string => randomBytes(8).toString('hex')
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
