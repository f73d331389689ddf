import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { readLimited } from '../../http-body'
import { TransferEmulator, type CallbackRequest, type TransferFaults } from './emulator'
import { loadOrCreateKeys, transferEnv } from './keys'

const MAX_BODY = 64 * 1024

export interface TransferPlatform {
  emulator: TransferEmulator
  /** The base URL the production client is pointed at (TUANKA_TRANSFER_BASE_URL). */
  url: string
  /** The production client's environment for this merchant and this emulator. */
  env: Record<string, string>
  close(): Promise<void>
}

export interface TransferPlatformOptions {
  dataDir: string
  /** The merchant's callback address (TUANKA_TRANSFER_NOTIFY_URL). */
  notifyUrl: string
  deliver(notifyUrl: string, req: CallbackRequest): Promise<number>
  now?: () => number
  port?: number
  /** false: expiries and callback retries happen only through `emulator.tick()` (tests drive them). Default true. */
  retryTimer?: boolean
}

/**
 * `TUANKA_TRANSFER_FAULT` for a local run: `down` (500 SYSTEM_ERROR), `fail` or `fail:<fail_reason>` (new bills
 * fail at once), `lost` (callbacks never arrive; the reconcile timer must find the outcome).
 */
export function faultsFromEnv(v: string | undefined): Partial<TransferFaults> {
  if (v === 'down') return { down: true }
  if (v === 'lost') return { callbacksLost: true }
  const fail = /^fail(?::([A-Z_]{1,64}))?$/.exec(v ?? '')
  return fail ? { failNew: fail[1] ?? 'PAYEE_ACCOUNT_ABNORMAL' } : {}
}

/** The emulated api.mch.weixin.qq.com on a loopback port, its bills kept in `<dataDir>/platform/`. */
export async function startTransferPlatform(opts: TransferPlatformOptions): Promise<TransferPlatform> {
  const dir = path.join(opts.dataDir, 'platform')
  const keys = loadOrCreateKeys(dir)
  const emulator = new TransferEmulator({ keys, stateFile: path.join(dir, 'transfer-bills.json'), now: opts.now, deliver: opts.deliver })
  Object.assign(emulator.faults, faultsFromEnv(process.env.TUANKA_TRANSFER_FAULT))
  const server = http.createServer((req, res) => {
    void readLimited(req, MAX_BODY).then(({ tooLarge, bytes }) => {
      const headers: Record<string, string | undefined> = {}
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v
      const answer =
        tooLarge
          ? Promise.resolve({ status: 413, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'PARAM_ERROR', message: '请求体过大' }) })
          : emulator.handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers, body: bytes.toString('utf8') })
      answer.then(
        (r) => {
          res.writeHead(r.status, { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) })
          res.end(r.body)
        },
        () => {
          res.writeHead(500, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: '系统错误' }))
        },
      )
    }, () => res.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const timer = opts.retryTimer === false ? null : setInterval(() => void emulator.tick().catch(() => {}), 1000)
  timer?.unref()
  return {
    emulator,
    url,
    env: transferEnv(keys, url, opts.notifyUrl),
    close: () =>
      new Promise<void>((r) => {
        if (timer) clearInterval(timer)
        server.closeAllConnections?.()
        server.close(() => r())
      }),
  }
}
