import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { messageFor } from '../../core/errors'
import { prepayIdOf, type LocalPayAnswer, type LocalPayPreview } from '../payments/provider'
import { functions, type CloudFunctionMain } from './functions'
import { httpStatusFor } from './http-status'
import { scfContext } from './scf-context'
import { serveFile } from './static'
import { clockOffset } from '../clock'
import { readLimited } from '../http-body'
import { clockState, fireTimerNow, isLoopback, moveClock, serveIndexWithClock, TIMER_NAMES } from './time-routes'
import { handleUpload } from './upload'

export const MAX_BODY_BYTES = 100 * 1024
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/

export interface GatewayOptions {
  port: number
  /** Built h5 app served at `/` (same origin as the API, so the client needs no CORS or base URL). */
  h5Dir?: string
  /** Folders served under `/files/<prefix>/` (demo images, local uploads). */
  fileDirs: { prefix: string; dir: string }[]
  personas: { key: string; label: string; openid: string }[]
  fns?: Record<string, CloudFunctionMain>
  /**
   * The local WeChat Pay sheet (local/payments/provider.ts): `GET /local/pay?package=prepay_id=…` shows what the
   * emulator's prepay is for; `POST /local/pay { package }` tells the emulator the buyer paid it.
   */
  wxPay?: { pay: (prepayId: string) => Promise<LocalPayAnswer>; preview: (prepayId: string) => Promise<LocalPayPreview> }
  /** The merchant-transfer emulator's 确认收款 page: confirm / cancel (local only; local/platform/transfer/emulator.ts sheet()). */
  localTransfer?: (pkg: string, action: 'confirm' | 'cancel') => Promise<{ ok: true; state: string; delivered: boolean } | { ok: false; status: number; code: string; message?: string }>
  /** Where `POST /local/upload` stores images (local stand-in for cloud storage; serve it as `/files/uploads/`). */
  uploadDir?: string
  /** Local only: the timers function behind `POST /local/timers/<name>`, and `/local/clock` (loopback callers only). */
  timers?: CloudFunctionMain
  /** What WeChat's own client does, answered by the platform emulator (platform-sheets.ts): true when it answered. */
  platformSheets?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>
  log?: (line: string) => void
}

export interface Gateway {
  port: number
  url: string
  close(): Promise<void>
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const failure = (code: string) => ({ ok: false, code, message: messageFor(code) })

/** Reads the body up to the limit; past it, stops reading and reports `tooLarge` without buffering more. */
async function readBody(req: IncomingMessage): Promise<{ tooLarge: boolean; text: string }> {
  const { tooLarge, bytes } = await readLimited(req, MAX_BODY_BYTES)
  return { tooLarge, text: bytes.toString('utf8') }
}

async function invoke(fns: Record<string, CloudFunctionMain>, name: string, req: IncomingMessage, res: ServerResponse) {
  if (!Object.prototype.hasOwnProperty.call(fns, name)) return sendJson(res, 404, failure('UNKNOWN_FUNCTION'))
  const header = req.headers['x-tuanka-openid']
  const openidRaw = Array.isArray(header) ? header[0] : header
  if (openidRaw !== undefined && openidRaw !== '' && !OPENID_RE.test(openidRaw)) {
    return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '身份标识不正确' })
  }
  const body = await readBody(req)
  if (body.tooLarge) return sendJson(res, 413, failure('PAYLOAD_TOO_LARGE'))
  let event: unknown
  try {
    event = body.text.length === 0 ? {} : JSON.parse(body.text)
  } catch {
    return sendJson(res, 400, failure('BAD_JSON'))
  }
  const envelope = await fns[name](event, scfContext(name, openidRaw || null))
  if (isHttpReply(envelope)) return sendHttpReply(res, envelope)
  sendJson(res, httpStatusFor(envelope), envelope)
}

interface HttpReply {
  statusCode: number
  headers?: Record<string, string>
  body: string
}

/** A function's HTTP-integration answer (the promoters transfer-callback door): TCB's HTTP access sends it as is. */
function isHttpReply(v: unknown): v is HttpReply {
  const r = v as HttpReply | null
  return !!r && typeof r === 'object' && !('ok' in r) && Number.isInteger(r.statusCode) && r.statusCode >= 100 && r.statusCode <= 599 && typeof r.body === 'string'
}

function sendHttpReply(res: ServerResponse, r: HttpReply) {
  const body = Buffer.from(r.body, 'utf8')
  res.writeHead(r.statusCode, { 'content-type': r.headers?.['content-type'] ?? 'text/plain; charset=utf-8', 'content-length': body.length })
  res.end(body)
}

export function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const fns = opts.fns ?? functions
  const fileDirs = opts.fileDirs.map((f) => ({ prefix: `/files/${f.prefix}/`, dir: path.resolve(f.dir) }))
  const h5Dir = opts.h5Dir ? path.resolve(opts.h5Dir) : undefined
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      opts.log?.(`gateway error: ${(e as Error).stack ?? String(e)}`)
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL'))
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const fnMatch = /^\/fn\/([^/]+)$/.exec(url.pathname)
    if (fnMatch) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: '请求方式不正确' })
      // The h5 app's clock follows the local clock from every reply (local/clock.ts browserClockScript).
      if (opts.timers) res.setHeader('x-tuanka-clock-offset', String(clockOffset()))
      return invoke(fns, decodeURIComponent(fnMatch[1]), req, res)
    }
    if (url.pathname === '/local/pay' && req.method === 'GET' && opts.wxPay) {
      const prepayId = prepayIdOf(url.searchParams.get('package'))
      if (!prepayId) return sendJson(res, 400, failure('INVALID_INPUT'))
      const p = await opts.wxPay.preview(prepayId)
      if (!p.ok) return sendJson(res, p.status, failure(p.code))
      return sendJson(res, 200, { ok: true, data: { orderId: p.orderId, amountFen: p.amountFen, description: p.description } })
    }
    if (url.pathname === '/local/pay' && req.method === 'POST' && opts.wxPay) {
      const body = await readBody(req)
      if (body.tooLarge) return sendJson(res, 413, failure('PAYLOAD_TOO_LARGE'))
      let parsed: { package?: unknown }
      try {
        parsed = (JSON.parse(body.text) ?? {}) as typeof parsed
      } catch {
        return sendJson(res, 400, failure('BAD_JSON'))
      }
      const prepayId = prepayIdOf(parsed.package)
      if (!prepayId) return sendJson(res, 400, failure('INVALID_INPUT'))
      const r = await opts.wxPay.pay(prepayId)
      if (!r.ok) return sendJson(res, r.status, failure(r.code))
      return sendJson(res, 200, { ok: true, data: { paid: r.paid, orderId: r.orderId, amountFen: r.amountFen, transactionId: r.transactionId } })
    }
    if (opts.timers && (url.pathname === '/local/clock' || url.pathname.startsWith('/local/timers'))) return timeRoute(url.pathname, req, res, opts.timers)
    if (opts.platformSheets && (await opts.platformSheets(req, res, url.pathname))) return
    if (url.pathname === '/local/upload' && req.method === 'POST' && opts.uploadDir) return handleUpload(req, res, opts.uploadDir)
    if (url.pathname === '/local/transfer' && req.method === 'POST' && opts.localTransfer) {
      const body = await readBody(req)
      if (body.tooLarge) return sendJson(res, 413, failure('PAYLOAD_TOO_LARGE'))
      let b: { package?: unknown; action?: unknown }
      try {
        b = JSON.parse(body.text) ?? {}
      } catch {
        return sendJson(res, 400, failure('BAD_JSON'))
      }
      if (typeof b.package !== 'string' || b.package.length > 2048 || (b.action !== 'confirm' && b.action !== 'cancel')) return sendJson(res, 400, failure('INVALID_INPUT'))
      const r = await opts.localTransfer(b.package, b.action)
      if (!r.ok) return sendJson(res, r.status, { ok: false, code: r.code, message: r.message ?? messageFor(r.code) })
      return sendJson(res, 200, { ok: true, data: { state: r.state, delivered: r.delivered } })
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 404, failure('UNKNOWN_FUNCTION'))
    if (url.pathname === '/local/personas') return sendJson(res, 200, { personas: opts.personas })
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true })
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    if (url.pathname.startsWith('/files/')) {
      for (const f of fileDirs) {
        if (url.pathname.startsWith(f.prefix) && (await serveFile(res, f.dir, url.pathname.slice(f.prefix.length), true, gzip))) return
      }
      return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '文件不存在' })
    }
    if (h5Dir) {
      const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1)
      const page = () => (opts.timers ? serveIndexWithClock(res, h5Dir) : serveFile(res, h5Dir, 'index.html', false, gzip))
      if (rel !== 'index.html' && (await serveFile(res, h5Dir, rel, /\.[0-9a-f]{8}\./.test(rel), gzip))) return
      if (await page()) return
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end('h5 应用尚未构建：运行 npm run build:h5')
    }
    return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '页面不存在' })
  }

  async function timeRoute(pathname: string, req: IncomingMessage, res: ServerResponse, timers: CloudFunctionMain) {
    if (!isLoopback(req)) return sendJson(res, 403, failure('FORBIDDEN'))
    if (pathname === '/local/clock') {
      if (req.method === 'GET') return sendJson(res, 200, { ok: true, data: clockState() })
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: '请求方式不正确' })
      const body = await readBody(req)
      if (body.tooLarge) return sendJson(res, 413, failure('PAYLOAD_TOO_LARGE'))
      let parsed: unknown
      try {
        parsed = JSON.parse(body.text)
      } catch {
        return sendJson(res, 400, failure('BAD_JSON'))
      }
      const r = moveClock(parsed)
      opts.log?.(`clock: ${JSON.stringify(clockState())}`)
      return sendJson(res, r.status, r.body)
    }
    if (pathname === '/local/timers') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: '请求方式不正确' })
      return sendJson(res, 200, { ok: true, data: { timers: TIMER_NAMES } })
    }
    const m = /^\/local\/timers\/([^/]+)$/.exec(pathname)
    if (!m) return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '页面不存在' })
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: '请求方式不正确' })
    const r = await fireTimerNow(timers, decodeURIComponent(m[1]))
    return sendJson(res, r.status, r.body)
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections?.()
            server.close(() => r())
          }),
      })
    })
  })
}
