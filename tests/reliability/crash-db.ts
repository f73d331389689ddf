import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { platformFunctions } from '../../local/gateway/functions'
import { scfContext } from '../../local/gateway/scf-context'
import { startGateway } from '../../local/gateway/server'
import { startNotifyReceiver } from '../../local/platform/wxpay-control'
import { pointSdkAt } from '../../local/sdk-env'
import { seedIfEmpty } from '../../local/seed/demo'
import { PERSONAS } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { ensureCollections } from '../../server/setup/ensure'
import { Api } from './support/api'
import { portOf, startDbChild, type Child } from './support/children'
import { crashBurst } from './support/crash'
import type { Report } from './support/report'

/**
 * Crash of the database: the db server runs as a child process, the gateway in this process points at it (as
 * local/stack.ts does, through the SDK's own seam), and the db is killed with SIGKILL mid-burst, then restarted
 * on the same port and data directory. WeChat Pay lives in the db's process (its state in the data dir) and calls
 * the payments function of this process back.
 */
export async function crashDb(report: Report): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-rel-crashdb-'))
  let db: Child | undefined
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined
  const receiver = await startNotifyReceiver((fn, event) => (platformFunctions as Record<string, (e: unknown, c: unknown) => Promise<unknown>>)[fn](event, scfContext(fn, null)))
  try {
    db = await startDbChild(dataDir, 0, receiver.url)
    const port = portOf(db.url)
    pointSdkAt(db.url)
    await ensureCollections(getDb()) // as local/stack.ts does: TCB has no collection until it is created
    await seedIfEmpty(getDb())
    gateway = await startGateway({ port: 0, fileDirs: [], personas: PERSONAS.map((p) => ({ ...p })) })
    const api = new Api(gateway.url)
    await crashBurst({
      label: 'crash-db',
      report,
      api: () => api,
      dbUrl: () => db!.url,
      kill: () => db!.kill9(),
      restart: async () => {
        db = await startDbChild(dataDir, port, receiver.url)
      },
    })
  } finally {
    await gateway?.close()
    await db?.stop()
    await receiver.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
