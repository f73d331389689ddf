import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WxPayEmulator, WxPayJson } from './wxpay'

/**
 * Reaching the WeChat Pay emulator from outside the process it lives in (the database server, local/cloudbase/bin/
 * serve.ts, which the reliability suite kills and restarts): the buyer's payment and WeChat's retries as a multipart
 * call with action `local.wxpay` on the same serviceUrl, and its callbacks delivered over HTTP to whoever runs the
 * functions. None of this is a WeChat API; it stands where the WeChat app and the platform's own invoker stand.
 */
export type Deliver = (functionName: string, event: WxPayJson) => Promise<unknown>

export type ControlOp = 'userPaid' | 'retryPending' | 'pending'

export async function answerControl(wxpay: WxPayEmulator, op: string, args: Record<string, unknown>): Promise<unknown> {
  switch (op) {
    case 'userPaid':
      return wxpay.userPaid(String(args.prepayId ?? ''), { hold: args.hold === true })
    case 'retryPending':
      await wxpay.retryPending()
      return { pending: wxpay.pendingCallbacks().length }
    case 'pending':
      return { pending: wxpay.pendingCallbacks() }
    default:
      return { code: 'INVALID_ACTION', message: `unknown emulator control ${JSON.stringify(op)}` }
  }
}

/** Calls answerControl in the emulator behind `serviceUrl`; throws when the server is down or refuses. */
export async function wxpayControl(serviceUrl: string, op: ControlOp, args: Record<string, unknown> = {}): Promise<any> {
  const form = new FormData()
  form.set('action', 'local.wxpay')
  form.set('op', op)
  form.set('args', JSON.stringify(args))
  const res = await fetch(serviceUrl, { method: 'POST', body: form })
  const body = (await res.json()) as { code?: unknown; message?: unknown }
  if (typeof body?.code === 'string') throw new Error(`${body.code}: ${String(body.message)}`)
  return body
}

/** Delivers each callback as `POST url { functionName, event }`; the JSON answer is the function's reply. */
export function httpDeliver(url: string): Deliver {
  return async (functionName, event) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ functionName, event }) })
    return res.json()
  }
}

/** The other end of httpDeliver: hands each callback to `deliver` (which invokes the function as the platform does). */
export function startNotifyReceiver(deliver: Deliver): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        let reply: unknown
        try {
          const { functionName, event } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { functionName: string; event: WxPayJson }
          reply = await deliver(functionName, event)
        } catch (e) {
          reply = { errcode: -1, errmsg: e instanceof Error ? e.message : String(e) }
        }
        const text = JSON.stringify(reply ?? null)
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        res.end(text)
      })()
    })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) })
    })
  })
}
