import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { JOURNAL_FILE, SNAPSHOT_FILE } from '../src/persistence'
import { startCloudbaseServer } from '../src/server'
import { sdkFor, tempDir } from './helpers'

const ROOT = path.resolve(__dirname, '../../..')

async function withServer<T>(dataDir: string, fn: (db: ReturnType<typeof sdkFor>, url: string) => Promise<T>): Promise<T> {
  const server = await startCloudbaseServer({ port: 0, dataDir, quiet: true })
  try {
    return await fn(sdkFor(server.url), server.url)
  } finally {
    await server.close()
  }
}

const allDocs = async (db: ReturnType<typeof sdkFor>, c: string) => (await db.collection(c).limit(1000).get()).data

describe('restart', () => {
  const dir = tempDir('restart')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('documents, types and empty collections survive restarts; start compacts the journal', async () => {
    const doc = { _id: 'k', at: new Date('2024-05-06T07:08:09.010Z'), int: 42, dbl: 0.5, big: 2 ** 45, nul: null, arr: [1, 'two', { three: 3 }], nested: { deep: { x: true } } }
    await withServer(dir, async (db) => {
      await db.createCollection('keep')
      await db.collection('keep').add(doc)
      await db.collection('keep').add({ _id: 'gone', v: 1 })
      await db.collection('keep').doc('gone').remove()
      await db.createCollection('empty')
    })
    expect(statSync(path.join(dir, JOURNAL_FILE)).size).toBeGreaterThan(0)
    for (let i = 0; i < 2; i++) {
      await withServer(dir, async (db) => {
        expect(await allDocs(db, 'keep')).toEqual([doc])
        expect(await db.createCollection('empty').catch((e: { code: string }) => e.code)).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
      })
      expect(statSync(path.join(dir, JOURNAL_FILE)).size).toBe(0) // compacted into the snapshot on start
    }
  })

  test('a second server on the same data dir is refused', async () => {
    const server = await startCloudbaseServer({ port: 0, dataDir: dir, quiet: true })
    try {
      await expect(startCloudbaseServer({ port: 0, dataDir: dir, quiet: true })).rejects.toThrow(/already open|in use/)
    } finally {
      await server.close()
    }
  })
})

describe('damaged files', () => {
  let dir: string
  let errors: string[]
  let spy: jest.SpyInstance
  beforeEach(async () => {
    dir = tempDir('damage')
    await withServer(dir, async (db) => {
      await db.createCollection('j')
      for (const id of ['a', 'b', 'c']) await db.collection('j').add({ _id: id, v: id })
    })
    errors = []
    spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.map(String).join(' '))
    })
  })
  afterEach(() => {
    spy.mockRestore()
    rmSync(dir, { recursive: true, force: true })
  })

  const journal = () => path.join(dir, JOURNAL_FILE)

  test('garbage and a truncated record at the tail are cut with a warning; good records stay', async () => {
    appendFileSync(journal(), 'deadbeef {"s":99,"ops":[]}\n')
    appendFileSync(journal(), '0000abcd {"s":100,"ops":[{"op":"put","c":"j","doc":{"_id":"half')
    const ids = await withServer(dir, async (db) => (await allDocs(db, 'j')).map((d) => d._id))
    expect(ids).toEqual(['a', 'b', 'c'])
    expect(errors.join('\n')).toMatch(/WARNING journal .*checksum mismatch.*cut \d+ byte/)
    expect(readdirSync(dir).some((f) => f.startsWith(`${JOURNAL_FILE}.corrupt-`))).toBe(true)
    // The next start is clean, and writes work again.
    errors.length = 0
    await withServer(dir, async (db) => {
      await db.collection('j').add({ _id: 'd' })
      expect((await db.collection('j').count()).total).toBe(4)
    })
    expect(errors).toEqual([])
  })

  test('a record torn mid-write (no newline) is cut', async () => {
    const buf = readFileSync(journal())
    writeFileSync(journal(), buf.subarray(0, buf.length - 7))
    const ids = await withServer(dir, async (db) => (await allDocs(db, 'j')).map((d) => d._id))
    expect(ids).toEqual(['a', 'b'])
    expect(errors.join('\n')).toMatch(/partial record/)
  })

  test('a flipped byte inside a record cuts from that record on', async () => {
    const text = readFileSync(journal(), 'utf8')
    const second = text.indexOf('\n') + 1
    const at = text.indexOf('"b"', second)
    writeFileSync(journal(), text.slice(0, at) + '"B"' + text.slice(at + 3))
    const ids = await withServer(dir, async (db) => (await allDocs(db, 'j')).map((d) => d._id))
    expect(ids).toEqual(['a'])
    expect(errors.join('\n')).toMatch(/checksum mismatch/)
  })

  test('a damaged snapshot stops the start instead of losing data', async () => {
    await withServer(dir, async () => undefined) // compacts a, b, c into the snapshot
    const snap = path.join(dir, SNAPSHOT_FILE)
    writeFileSync(snap, readFileSync(snap, 'utf8').replace('"a"', '"x"'))
    await expect(startCloudbaseServer({ port: 0, dataDir: dir, quiet: true })).rejects.toThrow(/snapshot .* is damaged/)
  })
})

describe('kill -9', () => {
  const dir = tempDir('kill9')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('every acknowledged write survives SIGKILL mid-burst', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/cloudbase/bin/serve.ts'], {
      cwd: ROOT,
      env: { ...process.env, DB_PORT: '0', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /serviceUrl: (\S+)/.exec(out)
        if (m) resolve(m[1])
      })
      child.once('exit', (code) => reject(new Error(`server exited early (${code})`)))
      setTimeout(() => reject(new Error('server did not start')), 20_000).unref()
    })

    const acked: string[] = []
    let incAcked = 0
    let incSent = 0
    let stop = false
    const send = (body: object) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ code?: string }>,
      )
    await send({ action: 'database.addCollection', collectionName: 'k' })
    await send({ action: 'database.insertDocument', collectionName: 'k', data: [EJSON.stringify({ _id: 'counter', n: 0 }, { relaxed: false })] })
    let seq = 0
    const worker = async () => {
      while (!stop) {
        const id = `w${seq++}`
        try {
          if (seq % 3 === 0) {
            incSent++
            const r = await send({
              action: 'database.modifyDocument', collectionName: 'k', queryType: 'DOC', multi: false, merge: true,
              query: EJSON.stringify({ _id: 'counter' }, { relaxed: false }),
              data: EJSON.stringify({ $inc: { n: 1 } }, { relaxed: false }),
            })
            if (!r.code) incAcked++
          } else {
            const r = await send({ action: 'database.insertDocument', collectionName: 'k', data: [EJSON.stringify({ _id: id, at: new Date() }, { relaxed: false })] })
            if (!r.code) acked.push(id)
          }
        } catch {
          return // the server is gone
        }
      }
    }
    const workers = Array.from({ length: 24 }, worker)
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 5))
    child.kill('SIGKILL')
    stop = true
    await Promise.all(workers)
    await exited

    await withServer(dir, async (db) => {
      const present = new Set<unknown>()
      for (let skip = 0; ; skip += 1000) {
        const page = (await db.collection('k').skip(skip).limit(1000).get()).data
        page.forEach((d) => present.add(d._id))
        if (page.length < 1000) break
      }
      const missing = acked.filter((id) => !present.has(id))
      expect(missing).toEqual([])
      const n = (await db.collection('k').doc('counter').get()).data[0].n as number
      expect(n).toBeGreaterThanOrEqual(incAcked)
      expect(n).toBeLessThanOrEqual(incSent)
    })
    expect(existsSync(path.join(dir, SNAPSHOT_FILE))).toBe(true)
  })
})
