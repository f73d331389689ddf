import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * "Did that call write anything?", answered from the database server's own files: every committed change is
 * appended to `journal.ejsonl` before the reply is sent (see local/cloudbase/README.md, Durability), and a write
 * that changes nothing appends nothing. The watch keeps a mirror of the documents (snapshot + journal), so for
 * each call it can tell which documents really changed, and from what to what — a failed checkout that takes
 * stock and gives it back is two writes but no change.
 */
export interface Change {
  coll: string
  id: string
  before: string | undefined
  after: string | undefined
}

const SNAPSHOT = 'snapshot.ejsonl'
const JOURNAL = 'journal.ejsonl'

interface Op {
  op: 'put' | 'del' | 'coll'
  c: string
  doc?: { _id: unknown }
  id?: unknown
}

export class JournalWatch {
  private readonly mirror = new Map<string, string>()
  private offset = 0
  private readonly journal: string

  constructor(dataDir: string) {
    this.journal = path.join(dataDir, JOURNAL)
    for (const line of readFileSync(path.join(dataDir, SNAPSHOT), 'utf8').split('\n')) {
      if (!line) continue
      const rec = JSON.parse(line.slice(9)) as Op & { snapshot?: number; end?: number }
      if (rec.op === 'put' && rec.doc) this.mirror.set(this.k(rec.c, rec.doc._id), JSON.stringify(rec.doc))
    }
    this.changes()
  }

  private k(c: string, id: unknown): string {
    return `${c}\u0000${JSON.stringify(id)}`
  }

  /** Bytes of journal so far: the cheapest "anything written?" probe. */
  size(): number {
    return statSync(this.journal).size
  }

  /** What changed since the last call (net of writes that put a document back as it was). */
  changes(): Change[] {
    const end = this.size()
    if (end <= this.offset) return []
    const buf = Buffer.alloc(end - this.offset)
    const fd = openSync(this.journal, 'r')
    try {
      readSync(fd, buf, 0, buf.length, this.offset)
    } finally {
      closeSync(fd)
    }
    const text = buf.toString('utf8')
    const lastNl = text.lastIndexOf('\n')
    if (lastNl < 0) return []
    this.offset += Buffer.byteLength(text.slice(0, lastNl + 1), 'utf8')
    const firstSeen = new Map<string, string | undefined>()
    const touched: { coll: string; id: string; key: string }[] = []
    for (const line of text.slice(0, lastNl).split('\n')) {
      const rec = JSON.parse(line.slice(9)) as { ops: Op[] }
      for (const op of rec.ops) {
        if (op.op === 'coll') continue
        const id = op.op === 'put' ? op.doc!._id : op.id
        const key = this.k(op.c, id)
        if (!firstSeen.has(key)) {
          firstSeen.set(key, this.mirror.get(key))
          touched.push({ coll: op.c, id: String(id), key })
        }
        if (op.op === 'put') this.mirror.set(key, JSON.stringify(op.doc))
        else this.mirror.delete(key)
      }
    }
    return touched
      .map((t) => ({ coll: t.coll, id: t.id, before: firstSeen.get(t.key), after: this.mirror.get(t.key) }))
      .filter((c) => c.before !== c.after)
  }
}
