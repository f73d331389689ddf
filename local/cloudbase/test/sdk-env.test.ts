import { rmSync } from 'node:fs'
import tcb from '@cloudbase/node-sdk'
import { startCloudbaseServer } from '../src/server'
import { tempDir } from './helpers'

/** Unchanged production code calls tcb.init({ env: SYMBOL_CURRENT_ENV }); the env-var seam reroutes it here. */
test('TCB_CONTEXT_CNFG + dummy credentials point SYMBOL_CURRENT_ENV code at the local server', async () => {
  const dataDir = tempDir('sdk-env')
  const server = await startCloudbaseServer({ port: 0, dataDir, quiet: true })
  const saved = { ...process.env }
  try {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: server.url })
    process.env.TENCENTCLOUD_SECRETID = 'local'
    process.env.TENCENTCLOUD_SECRETKEY = 'local'
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
    await db.createCollection('env')
    await db.collection('env').add({ _id: 'x', ok: true })
    expect((await db.collection('env').doc('x').get()).data).toEqual([{ _id: 'x', ok: true }])
    expect(server.stats().requests).toBe(3)
  } finally {
    process.env = saved
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
