import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { startCloudbaseServer, type CloudbaseServer, type CloudbaseServerOptions } from '../src/server'

// Skip the SDK's one-off probe of the Tencent Cloud metadata host: tests talk to 127.0.0.1 only.
process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

export type Db = ReturnType<ReturnType<typeof tcb.init>['database']>

export interface Harness {
  server: CloudbaseServer
  db: Db
  dataDir: string
  /** Closes the server; the data dir is removed unless `keep`. */
  stop(keep?: boolean): Promise<void>
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `cloudbase-${label}-`))
}

export function sdkFor(url: string): Db {
  return tcb.init({ env: 'local', serviceUrl: url, secretId: 'local', secretKey: 'local', timeout: 30000 }).database()
}

/**
 * A server on a random port with its own temp data dir, and the real SDK pointed at it. As on TCB, a collection
 * has to be created before it is read or written: `collections` are created through the SDK once started.
 */
export async function startHarness(label: string, opts: Partial<CloudbaseServerOptions> & { collections?: readonly string[] } = {}): Promise<Harness> {
  const { collections = [], ...serverOpts } = opts
  const dataDir = serverOpts.dataDir ?? tempDir(label)
  const server = await startCloudbaseServer({ port: 0, quiet: true, ...serverOpts, dataDir })
  const db = sdkFor(server.url)
  await createCollections(db, collections)
  return {
    server,
    db,
    dataDir,
    async stop(keep = false) {
      await server.close()
      if (!keep) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Creates each collection that does not exist yet (TCB answers DATABASE_COLLECTION_ALREADY_EXIST for the others). */
export async function createCollections(db: Db, names: readonly string[]): Promise<void> {
  for (const name of names) {
    try {
      await db.createCollection(name)
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw e
    }
  }
}

/** One raw round trip, bypassing the SDK (for malformed bodies and fixtures). */
export async function post(url: string, body: string | object): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

/** The error code a rejected SDK call carries. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    return String((e as { code?: unknown }).code)
  }
  throw new Error('expected the call to fail')
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
