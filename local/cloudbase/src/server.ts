import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { ACTIONS } from './actions'
import { requireCollection } from './collection-exists'
import { Engine } from './engine'
import { Codes, DbError, invalidParam } from './errors'
import { readBody, sendJson } from './http-io'
import { newRequestId } from './ids'
import type { IndexList } from './indexes'
import { openDataDir } from './persistence'
import { isPlainObject } from './values'

export interface CloudbaseServerOptions {
  /** 0 = a random free port. Default 0. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Where the snapshot and journal live; created if missing. */
  dataDir: string
  /** No informational logging (warnings about damaged files are printed regardless). */
  quiet?: boolean
  /** How long a plain write waits on a document locked by an open transaction. Default 5000 ms. */
  lockWaitMs?: number
  /** Open transactions are aborted after this long. Default 30000 ms. */
  txTimeoutMs?: number
  /** Secondary indexes to keep in memory (collection → indexes, as in cloudfunctions/indexes.ts). Default none. */
  indexes?: IndexList
  /**
   * Platform calls (wx.wxPayApi ...) that node-sdk sends to the same URL as multipart/form-data. The handler's
   * bytes are the platform's answer (sent as octet-stream); an object is a TCB error, sent as JSON, which is how
   * node-sdk tells them apart (tcbapirequester handleWxOpenApiData). Without a handler they fail as malformed
   * database requests.
   */
  platform?: (req: http.IncomingMessage) => Promise<unknown>
  /**
   * Cloud storage (node-sdk uploadFile / getTempFileURL): JSON actions `storage.*` on this URL, and the upload's
   * `PUT /cos/<path>` that getUploadMetadata points at. Without it they fail as unknown actions.
   */
  storage?: {
    action(name: string, params: Record<string, unknown>, req: http.IncomingMessage): Promise<Record<string, unknown>>
    put(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>
  }
}

export interface IndexUse {
  /** `where` reads (get, count, update, remove, first `$match`) whose candidates came from an index. */
  indexed: number
  /** Those that scanned a non-empty collection (reads pinning `_id` are neither). */
  scanned: number
  /** `collection.indexName` → times used. */
  byIndex: Record<string, number>
}

export interface CloudbaseStats {
  /** Database round trips: one HTTP request = one. */
  requests: number
  byAction: Record<string, number>
}

export interface CloudbaseServer {
  port: number
  /** The SDK's serviceUrl: http://127.0.0.1:PORT/admin */
  url: string
  close(): Promise<void>
  stats(): CloudbaseStats
  resetStats(): void
  indexUse(): IndexUse
}

/** A local server speaking @cloudbase/node-sdk's database wire protocol, persisted in `dataDir`. */
export async function startCloudbaseServer(opts: CloudbaseServerOptions): Promise<CloudbaseServer> {
  const info = opts.quiet ? () => undefined : (line: string) => console.error(line)
  const host = opts.host ?? '127.0.0.1'
  const { store, journal, releaseLock } = await openDataDir(opts.dataDir, info, opts.indexes)
  const engine = new Engine(store, journal, { lockWaitMs: opts.lockWaitMs ?? 5000, txTimeoutMs: opts.txTimeoutMs ?? 30_000 })

  let stats: CloudbaseStats = { requests: 0, byAction: {} }
  let inFlight = 0
  let onIdle: (() => void) | undefined

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method === 'PUT' && opts.storage && (req.url ?? '').startsWith('/cos/')) return opts.storage.put(req, res)
    if (req.method !== 'POST') {
      sendJson(res, { service: 'cloudbase-local', ok: true })
      return
    }
    if (opts.platform && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      const answer = await opts.platform(req).catch((e: unknown) => ({ code: 'SYS_ERR', message: String(e) }))
      if (!Buffer.isBuffer(answer)) return sendJson(res, answer)
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length })
      res.end(answer)
      return
    }
    stats.requests++
    inFlight++
    const requestId = newRequestId()
    let action = '(malformed)'
    try {
      const text = await readBody(req)
      let params: unknown
      try {
        params = JSON.parse(text)
      } catch {
        throw invalidParam('request body is not valid JSON')
      }
      if (!isPlainObject(params)) throw invalidParam('request body must be a JSON object')
      action = typeof params.action === 'string' ? params.action : '(no action)'
      if (opts.storage && action.startsWith('storage.')) return sendJson(res, { requestId, ...(await opts.storage.action(action, params, req)) })
      const handler = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined
      if (!handler) throw new DbError(Codes.INVALID_ACTION, `unknown action ${JSON.stringify(params.action)}`)
      engine.checkAvailable()
      requireCollection(engine, action, params)
      sendJson(res, { requestId, ...(await handler({ engine, params, now: Date.now() })) })
    } catch (e) {
      if (!(e instanceof DbError)) console.error(`[cloudbase] ${action} failed unexpectedly:`, e)
      const err = e instanceof DbError ? e : new DbError(Codes.REQUEST_FAILED, e instanceof Error ? e.message : String(e))
      sendJson(res, { code: err.code, message: err.message, requestId })
    } finally {
      stats.byAction[action] = (stats.byAction[action] ?? 0) + 1
      inFlight--
      if (inFlight === 0) onIdle?.()
    }
  }

  const server = http.createServer((req, res) => void handle(req, res))
  // Longer than the SDK's keep-alive agent (4.8 s), so the client always closes an idle socket first.
  server.keepAliveTimeout = 65_000
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (e) {
    await engine.close()
    await releaseLock()
    throw e
  }
  const port = (server.address() as AddressInfo).port
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const url = `http://${urlHost}:${port}/admin`
  info(`[cloudbase] listening on ${url} (data: ${opts.dataDir})`)

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    engine.stopAccepting()
    server.close()
    server.closeIdleConnections()
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        onIdle = resolve
        setTimeout(resolve, 10_000).unref()
      })
    }
    server.closeAllConnections()
    try {
      await engine.close()
    } finally {
      await releaseLock()
    }
  }

  return {
    port,
    url,
    close: () => (closing ??= close()),
    stats: () => ({ requests: stats.requests, byAction: { ...stats.byAction } }),
    resetStats: () => {
      stats = { requests: 0, byAction: {} }
      Object.assign(engine.indexUse, { indexed: 0, scanned: 0, byIndex: {} })
    },
    indexUse: () => ({ ...engine.indexUse, byIndex: { ...engine.indexUse.byIndex } }),
  }
}
