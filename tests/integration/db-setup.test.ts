import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCloudbaseServer, type CloudbaseServer } from '../../local/cloudbase/src/server'
import { functions } from '../../local/gateway/functions'
import { pointSdkAt } from '../../local/sdk-env'
import { getDb } from '../../server/platform/cloudbase'
import { COLLECTIONS } from '../../server/setup/collection-list'
import { ensureCollections } from '../../server/setup/ensure'
import { missingCollections } from '../../server/setup/missing'

/**
 * A fresh environment, as TCB hands one over: no collection exists until the setup step creates them. The same
 * step runs on every local start and test stack (local/stack.ts) and in production (`npm run db:setup`).
 */
let server: CloudbaseServer
let dataDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-setup-'))
  server = await startCloudbaseServer({ port: 0, dataDir, quiet: true })
  pointSdkAt(server.url)
})
afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test('before setup: a function answers INTERNAL and the log names the missing collections and the command', async () => {
  const errors: string[] = []
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')))
  try {
    const answer = await functions.deals({ action: 'list', input: {} }, undefined)
    expect(answer).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(JSON.stringify(answer)).not.toMatch(/DATABASE_|collection|db:setup/) // nothing technical reaches the user
  } finally {
    spy.mockRestore()
  }
  const line = errors.find((l) => l.includes('npm run db:setup'))
  expect(line).toBeDefined()
  for (const name of COLLECTIONS) expect(line).toContain(name)
  expect(await missingCollections(getDb())).toEqual([...COLLECTIONS])
})

test('setup creates every collection; run again it changes nothing; then the function answers', async () => {
  const first = await ensureCollections(getDb())
  expect(first).toMatchObject({ created: [...COLLECTIONS], existing: [] })
  const second = await ensureCollections(getDb())
  expect(second).toMatchObject({ created: [], existing: [...COLLECTIONS] })
  expect(await missingCollections(getDb())).toEqual([])
  for (const name of COLLECTIONS) expect((await getDb().collection(name).count()).total).toBe(0)
  expect(await functions.deals({ action: 'list', input: {} }, undefined)).toMatchObject({ ok: true })
})
