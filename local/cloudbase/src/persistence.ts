import { existsSync } from 'node:fs'
import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { EJSON } from 'bson'
import { toRelaxed } from './ejson'
import { JournalWriter } from './journal'
import { encodeRecord, scanRecords } from './record-lines'
import type { IndexList } from './indexes'
import { Store, type WriteOp } from './store'
import { isPlainObject } from './values'

export const SNAPSHOT_FILE = 'snapshot.ejsonl'
export const JOURNAL_FILE = 'journal.ejsonl'
const LOCK_FILE = 'LOCK'
/** Data dirs this process has open: its own pid in a LOCK file is then no proof of staleness. */
const openHere = new Set<string>()

export interface Opened {
  store: Store
  journal: JournalWriter
  releaseLock(): Promise<void>
}

type Log = (line: string) => void

/**
 * Loads `dataDir` (snapshot, then every journal record after it) and compacts: the state is rewritten as a
 * fresh snapshot (tmp file, fsync, rename) and the journal restarts empty the same way. A crash at any point
 * leaves either the old or the new files, and journal records already in the snapshot are skipped by seq.
 */
export async function openDataDir(dataDir: string, info: Log, indexes: IndexList = {}): Promise<Opened> {
  await mkdir(dataDir, { recursive: true })
  const releaseLock = await takeLock(dataDir)
  try {
    const store = new Store(indexes)
    const snapPath = path.join(dataDir, SNAPSHOT_FILE)
    const journalPath = path.join(dataDir, JOURNAL_FILE)
    const snapshotSeq = existsSync(snapPath) ? await loadSnapshot(snapPath, store) : 0
    const replayed = existsSync(journalPath) ? await replayJournal(journalPath, store, snapshotSeq) : 0
    if (replayed > 0 || !existsSync(snapPath)) {
      await writeSnapshot(snapPath, store)
      info(replayed > 0 ? `[cloudbase] compacted ${replayed} journal record(s) into ${snapPath}` : `[cloudbase] new data dir ${dataDir}`)
    }
    if (replayed > 0 || !existsSync(journalPath) || (await fileSize(journalPath)) > 0) {
      await atomicWrite(journalPath, '')
    }
    const fh = await open(journalPath, 'a')
    return { store, journal: new JournalWriter(fh, journalPath), releaseLock }
  } catch (e) {
    await releaseLock()
    throw e
  }
}

async function loadSnapshot(file: string, store: Store): Promise<number> {
  const buf = await readFile(file)
  const scan = scanRecords(buf)
  const fail = (why: string) =>
    new Error(`[cloudbase] snapshot ${file} is damaged (${why}); refusing to start rather than lose data. Move it aside to start from the journal alone.`)
  if (scan.badReason) throw fail(`${scan.badReason} at byte ${scan.goodBytes}`)
  const parsed = scan.records.map((r) => EJSON.parse(r, { relaxed: true }) as unknown)
  const header = parsed[0]
  const trailer = parsed[parsed.length - 1]
  if (!isPlainObject(header) || header.snapshot !== 1 || typeof header.seq !== 'number') throw fail('missing header')
  if (!isPlainObject(trailer) || trailer.end !== parsed.length - 2) throw fail('missing or wrong trailer')
  store.apply(parsed.slice(1, -1) as WriteOp[], header.seq, false)
  return header.seq
}

async function replayJournal(file: string, store: Store, afterSeq: number): Promise<number> {
  const buf = await readFile(file)
  const scan = scanRecords(buf)
  let good = scan.goodBytes
  let badReason = scan.badReason
  let replayed = 0
  let goodRecords = scan.records.length
  for (const [i, text] of scan.records.entries()) {
    let rec: unknown
    try {
      rec = EJSON.parse(text, { relaxed: true })
    } catch {
      rec = undefined
    }
    if (!isPlainObject(rec) || typeof rec.s !== 'number' || !Array.isArray(rec.ops)) {
      // Checksum matched but content is unusable: treat like corruption from this record on.
      good = scan.offsets[i]
      goodRecords = i
      badReason = 'undecodable record'
      break
    }
    if (rec.s > afterSeq) {
      store.apply(rec.ops as WriteOp[], rec.s, false)
      replayed++
    }
  }
  if (badReason !== undefined && good < buf.length) {
    const keep = `${file}.corrupt-${Date.now()}`
    await writeFile(keep, buf.subarray(good))
    console.error(
      `[cloudbase] WARNING journal ${file}: ${badReason} at byte ${good}; cut ${buf.length - good} byte(s) after ` +
        `${goodRecords} good record(s). The cut bytes are kept in ${keep}.`,
    )
    // Force a rewrite even when no record was replayed, so the damaged tail is gone from the live journal.
    return Math.max(replayed, 1)
  }
  return replayed
}

async function writeSnapshot(file: string, store: Store): Promise<void> {
  const parts: string[] = [encodeRecord(JSON.stringify({ snapshot: 1, seq: store.seq }))]
  let n = 0
  for (const c of store.collectionNames()) {
    parts.push(encodeRecord(toRelaxed({ op: 'coll', c })))
    n++
    for (const doc of store.docs(c)) {
      parts.push(encodeRecord(toRelaxed({ op: 'put', c, doc })))
      n++
    }
  }
  parts.push(encodeRecord(JSON.stringify({ end: n })))
  await atomicWrite(file, parts.join(''))
}

async function atomicWrite(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp`
  const fh = await open(tmp, 'w')
  try {
    await fh.writeFile(content, 'utf8')
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(tmp, file)
  await syncDir(path.dirname(file))
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r')
  try {
    await d.sync()
  } finally {
    await d.close()
  }
}

async function fileSize(file: string): Promise<number> {
  const fh = await open(file, 'r')
  try {
    return (await fh.stat()).size
  } finally {
    await fh.close()
  }
}

/** Two servers appending to one journal would interleave records; the second one refuses to start. */
async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, LOCK_FILE)
  const dirKey = path.resolve(dataDir)
  if (openHere.has(dirKey)) throw new Error(`[cloudbase] ${dataDir} is already open in this process`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' })
      openHere.add(dirKey)
      return async () => {
        openHere.delete(dirKey)
        await unlink(lockPath).catch(() => undefined)
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim())
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`[cloudbase] ${dataDir} is in use by process ${holder} (${lockPath})`)
      }
      await unlink(lockPath).catch(() => undefined) // left behind by a killed server
    }
  }
  throw new Error(`[cloudbase] could not lock ${dataDir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
