import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { IndexList } from '../src/indexes'
import { startCloudbaseServer } from '../src/server'
import { platformRoutes } from '../../platform/routes'
import { WxPayEmulator } from '../../platform/wxpay'
import { httpDeliver } from '../../platform/wxpay-control'

/**
 * The indexes to keep: DB_INDEXES names a module exporting `INDEXES` (or a default export) of that shape;
 * by default ./cloudfunctions/indexes.ts when it exists; DB_INDEXES=none keeps none.
 */
async function loadIndexes(): Promise<IndexList> {
  const asked = process.env.DB_INDEXES
  if (asked === 'none') return {}
  const file = path.resolve(asked ?? 'cloudfunctions/indexes.ts')
  if (!existsSync(file)) {
    if (asked) throw new Error(`DB_INDEXES: ${file} does not exist`)
    return {}
  }
  const mod = (await import(pathToFileURL(file).href)) as { INDEXES?: IndexList; default?: IndexList & { INDEXES?: IndexList } }
  const list = mod.INDEXES ?? mod.default?.INDEXES ?? mod.default
  if (!list || typeof list !== 'object') throw new Error(`${file} exports no INDEXES`)
  return list
}

/**
 * `npm run db`: the local CloudBase database on DB_PORT (default 8786; 0 = random), data in DATA_DIR
 * (default ./.data), with the indexes of DB_INDEXES (default ./cloudfunctions/indexes.ts). Prints the serviceUrl on stdout; SIGINT/SIGTERM stop it after in-flight writes are saved.
 */
async function main(): Promise<void> {
  const port = Number(process.env.DB_PORT ?? 8786)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`DB_PORT must be a port number, got ${process.env.DB_PORT}`)
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  const indexes = await loadIndexes()
  // WeChat Pay lives with the platform's transport, its state in the data dir: a killed and restarted server still
  // knows what was paid and still owes its callbacks, delivered to WXPAY_NOTIFY_URL (whoever runs the functions;
  // unset: they wait, as WeChat's would for a function that is down). WXPAY_RETRY_TIMERS=off: retries only when asked.
  const notifyUrl = process.env.WXPAY_NOTIFY_URL
  const wxpay = new WxPayEmulator({
    stateFile: path.join(dataDir, 'wxpay.json'),
    retryTimers: process.env.WXPAY_RETRY_TIMERS !== 'off',
    deliver: notifyUrl ? httpDeliver(notifyUrl) : async () => Promise.reject(new Error('no function runtime: WXPAY_NOTIFY_URL is unset')),
  })
  const server = await startCloudbaseServer({ port, dataDir, host: process.env.DB_HOST, indexes, platform: platformRoutes(wxpay) })
  console.log(`serviceUrl: ${server.url}`)
  console.error(`[cloudbase] ${Object.values(indexes).reduce((n, l) => n + l.length, 0)} index(es) over ${Object.keys(indexes).length} collection(s)`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.error(`[cloudbase] ${signal}: stopping`)
    wxpay.stop()
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
