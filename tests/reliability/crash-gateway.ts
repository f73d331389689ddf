import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startNotifyReceiver } from '../../local/platform/wxpay-control'
import { pointSdkAt } from '../../local/sdk-env'
import { seedIfEmpty } from '../../local/seed/demo'
import { getDb } from '../../server/platform/cloudbase'
import { ensureCollections } from '../../server/setup/ensure'
import { Api } from './support/api'
import { startDbChild, startGatewayChild, type Child } from './support/children'
import { crashBurst } from './support/crash'
import type { Report } from './support/report'

/**
 * Crash of the functions: the gateway runs as a child process (tests/reliability/gateway-child.ts) against a
 * database child, and is killed with SIGKILL mid-burst — every function call in flight stops wherever it was —
 * then a new gateway is started and the burst goes on. WeChat Pay's callbacks (from the emulator in the database
 * child) reach the payments function through the gateway, as the platform invokes it.
 */
export async function crashGateway(report: Report): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-rel-crashgw-'))
  let db: Child | undefined
  let gw: Child | undefined
  let api: Api | undefined
  // WeChat Pay (in the database child) calls payments through whichever gateway is up, with no identity.
  const receiver = await startNotifyReceiver(async (fn, event) => {
    const r = await api!.call(fn, event)
    return r.body
  })
  try {
    db = await startDbChild(dataDir, 0, receiver.url)
    pointSdkAt(db.url)
    await ensureCollections(getDb()) // as local/stack.ts does: TCB has no collection until it is created
    await seedIfEmpty(getDb())
    gw = await startGatewayChild(db.url)
    api = new Api(gw.url)
    await crashBurst({
      label: 'crash-gateway',
      report,
      api: () => api!,
      dbUrl: () => db!.url,
      kill: () => gw!.kill9(),
      restart: async () => {
        gw = await startGatewayChild(db!.url)
        api = new Api(gw.url)
      },
    })
  } finally {
    await gw?.stop()
    await db?.stop()
    await receiver.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
