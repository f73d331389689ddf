import path from 'node:path'
import { INDEXES } from '../cloudfunctions/indexes'
import { startCloudbaseServer, type CloudbaseServer } from './cloudbase/src/server'
import { functions, platformFunctions } from './gateway/functions'
import { scfContext } from './gateway/scf-context'
import { startGateway, type Gateway } from './gateway/server'
import { payPrepay, previewPrepay } from './payments/provider'
import { platformRoutes } from './platform/routes'
import { OpenApiEmulator } from './platform/openapi/registry'
import { linkWxPay } from './platform/openapi/apis/shipping'
import { gatewayBase } from './platform/openapi/apis/wxacode'
import { localTemplateEnv } from './platform/openapi/apis/subscribe-message'
import { storageEmulator } from './platform/storage'
import { platformSheets } from './gateway/platform-sheets'
import { withUpdatableCard } from './gateway/updatable-card'
import { WxPayEmulator } from './platform/wxpay'
import type { TransferEmulator } from './platform/transfer/emulator'
import { httpAccessDeliver, LOCAL_TRANSFER_NOTIFY_URL } from './platform/transfer/http-access'
import { startTransferPlatform, type TransferPlatform } from './platform/transfer/server'
import { startTimerLoop } from './timers/scheduler'
import { getDb } from '../server/platform/cloudbase'
import { ensureCollections } from '../server/setup/ensure'
import { pointSdkAt } from './sdk-env'
import { installClock } from './clock'
import { seedIfEmpty } from './seed/demo'
import { seedHistory } from './seed/history'
import { PERSONAS } from './seed/personas'

export interface LocalStackOptions {
  dataDir: string
  dbPort?: number
  apiPort?: number
  seed?: boolean
  /** With `seed`: also place, pay, redeem and review demo orders through the functions (default true). */
  seedHistory?: boolean
  h5Dir?: string
  quiet?: boolean
  /** Fire the timer triggers on a local schedule (npm start); tests fire them by hand. */
  timers?: boolean
}

export interface LocalStack {
  apiUrl: string
  dbUrl: string
  db: CloudbaseServer
  gateway: Gateway
  /** WeChat Pay as cloudPay reaches it (through the database server's URL); its callbacks go to the functions. */
  wxpay: WxPayEmulator
  /** WeChat's open APIs (cloud.openapi.*, cloud.getOpenData) as wx-server-sdk reaches them: local/platform/openapi. */
  openapi: OpenApiEmulator
  /** WeChat Pay v3 商家转账 as the promoters function reaches it over HTTP (TUANKA_TRANSFER_BASE_URL). */
  transfer: TransferEmulator
  seeded: boolean
  stop(): Promise<void>
}

const ROOT = path.resolve(__dirname, '..')

/** Database server + gateway in this process, with the functions talking to the database through the real SDK. */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  // One clock for the database, the functions, the timers and (through the gateway) the h5 app; POST /local/clock moves it.
  installClock()
  const wxpay = new WxPayEmulator({
    now: () => Date.now(),
    // What was paid and which callbacks are owed survive a restart of npm start, as they would at WeChat.
    stateFile: path.join(opts.dataDir, 'wxpay.json'),
    // Its callback retries run on WeChat's schedule with the timers (npm start); tests deliver what is owed by hand.
    retryTimers: opts.timers === true,
    deliver: async (fn, event) => {
      const main = (platformFunctions as Record<string, (e: unknown, c: unknown) => Promise<unknown>>)[fn]
      if (!main) throw new Error(`no function ${fn}`)
      // As the platform calls it: no user in the context.
      return main(event, scfContext(fn, null))
    },
  })
  const openapi = new OpenApiEmulator({ now: () => Date.now() })
  // 发货信息 asks the same WeChat that took the payment (apis/shipping.ts).
  linkWxPay(openapi, wxpay)
  // Cloud storage (cloud.uploadFile) keeps files here; the gateway serves them at /files/cloud/.
  const cloudDir = path.join(opts.dataDir, 'files', 'cloud')
  let gateway: Gateway | undefined
  const storage = storageEmulator(cloudDir, () => gateway?.url)
  const db = await startCloudbaseServer({ port: opts.dbPort ?? 0, dataDir: opts.dataDir, quiet: opts.quiet, indexes: INDEXES, platform: platformRoutes(wxpay, openapi), storage })
  pointSdkAt(db.url)
  // The subscribe-message templates a deployment configures (README), here the emulator's.
  for (const [k, v] of Object.entries(localTemplateEnv())) process.env[k] ||= v
  let transfer: TransferPlatform | undefined
  const uploadDir = path.join(opts.dataDir, 'files', 'uploads')
  try {
    // The production transfer client, configured as a deployment is, against the emulated api.mch.weixin.qq.com.
    const tp = (transfer = await startTransferPlatform({ dataDir: opts.dataDir, notifyUrl: LOCAL_TRANSFER_NOTIFY_URL, now: () => Date.now(), deliver: httpAccessDeliver(functions) }))
    Object.assign(process.env, tp.env)
    // As on TCB, collections exist only once created: the same setup step production runs (npm run db:setup).
    await ensureCollections(getDb())
    const seeded = opts.seed ? await seedIfEmpty(getDb()) : false
    if (seeded && opts.seedHistory !== false) await seedHistory(functions, wxpay, openapi)
    gateway = await startGateway({
      port: opts.apiPort ?? 0,
      h5Dir: opts.h5Dir,
      fileDirs: [
        { prefix: 'demo', dir: path.join(ROOT, 'local/seed/images') },
        { prefix: 'uploads', dir: uploadDir },
        { prefix: 'cloud', dir: cloudDir },
      ],
      uploadDir,
      personas: PERSONAS.map((p) => ({ ...p })),
      wxPay: { pay: (prepayId) => payPrepay(wxpay, prepayId), preview: async (prepayId) => previewPrepay(wxpay, prepayId) },
      localTransfer: (pkg, action) => tp.emulator.sheet(pkg, action),
      timers: platformFunctions.timers,
      platformSheets: withUpdatableCard(openapi, platformSheets(openapi)),
      log: opts.quiet ? undefined : (l) => console.error(l),
    })
    const gw = gateway
    gatewayBase(openapi).url = gw.url
    const stopTimers = opts.timers ? startTimerLoop(platformFunctions.timers, 20_000, opts.quiet ? undefined : (l) => console.log(l)) : () => {}
    return {
      apiUrl: gw.url,
      dbUrl: db.url,
      db,
      gateway: gw,
      wxpay,
      openapi,
      transfer: tp.emulator,
      seeded,
      async stop() {
        stopTimers()
        wxpay.stop()
        await gw.close()
        await tp.close()
        await db.close()
      },
    }
  } catch (e) {
    wxpay.stop()
    await gateway?.close()
    await transfer?.close()
    await db.close()
    throw e
  }
}
