import { toRelaxed } from './ejson'
import { Codes, DbError, transactionConflict } from './errors'
import { describeId, idKey, type DocId } from './ids'
import type { JournalWriter } from './journal'
import type { Filter, SortSpec } from './query'
import { Store, versionKey, type WriteOp } from './store'
import { TxManager, type Tx } from './transactions'
import type { Doc } from './values'

export interface EngineOptions {
  /** How long a plain write waits for a transaction's lock on a document it touches. */
  lockWaitMs: number
  /** Open transactions older than this are aborted. */
  txTimeoutMs: number
}

/** A plain write's plan against committed state: either its changes, or the lock it has to wait for. */
export type Planned<T> = { blockedBy: { coll: string; key: string; tx: Tx } } | { ops: WriteOp[]; result: T }

const WHERE_HINT =
  'If that write was a where(...).update()/remove() called inside this transaction, it ran OUTSIDE it: the SDK never ' +
  'sends the transactionId for where-writes. Use transaction.collection(c).doc(id) inside transactions.'

/**
 * Ties the committed store, the journal and the transactions together. Every write is planned and applied in
 * one synchronous step (no await between reading the current state and changing it), which is what makes
 * conditional updates atomic; the reply then waits for the journal's fsync.
 */
export class Engine {
  readonly txm: TxManager
  private closing = false
  /** How `where` reads found their documents: through which index, or by scanning. */
  readonly indexUse = { indexed: 0, scanned: 0, byIndex: {} as Record<string, number> }

  constructor(
    readonly store: Store,
    readonly journal: JournalWriter,
    readonly opts: EngineOptions,
  ) {
    this.txm = new TxManager(opts.txTimeoutMs)
  }

  checkAvailable(): void {
    if (this.closing) throw new DbError(Codes.UNAVAILABLE, 'server is shutting down')
    if (this.journal.failed) throw new DbError(Codes.UNAVAILABLE, `journal write failed (${this.journal.failed.message}); restart the server`)
  }

  /** Waits until everything already applied in memory is on disk, so a reply never shows unsaved data. */
  barrier(): Promise<void> {
    return this.journal.barrier()
  }

  /** Applies `ops` to memory and journals them as one record; resolves once durable. */
  commit(ops: WriteOp[], byTx: boolean): Promise<void> {
    if (ops.length === 0) return this.journal.barrier()
    this.checkAvailable()
    const seq = this.store.seq + 1
    const line = toRelaxed({ s: seq, ops })
    this.store.apply(ops, seq, byTx)
    return this.journal.append(line)
  }

  /**
   * Matching documents in natural order, as `tx` sees them (its own writes over committed state) or committed.
   * With `window` (a get's sort and skip + limit), an index may leave out matches that cannot be in that window.
   */
  match(coll: string, filter: Filter, tx?: Tx, window?: { sort?: SortSpec; need?: number }): Doc[] {
    const out: Doc[] = []
    const consider = (key: string, doc: Doc | undefined) => {
      if (tx && filter.idKeys) this.noteRead(tx, coll, key)
      if (doc && filter.test(doc)) {
        if (tx && !filter.idKeys) this.noteRead(tx, coll, key)
        out.push(doc)
      }
    }
    if (filter.idKeys) {
      for (const key of filter.idKeys) consider(key, this.view(coll, key, tx))
      return out
    }
    const keys = this.candidates(coll, filter, tx, window)
    if (keys) {
      for (const key of keys) consider(key, tx ? this.view(coll, key, tx) : this.store.get(coll, key))
    } else {
      for (const [key, doc] of this.store.entries(coll)) consider(key, tx ? this.view(coll, key, tx) : doc)
    }
    if (tx) {
      for (const s of tx.staged.values()) {
        if (s.coll === coll && s.doc && !this.store.get(coll, s.key)) consider(s.key, s.doc)
      }
    }
    return out
  }

  /**
   * Keys of committed documents that may match, in natural order, from a secondary index; undefined = scan.
   * Inside a transaction the keys it has staged are added (their staged version may match where the committed
   * one does not), and no window is applied.
   */
  candidates(coll: string, filter: Filter, tx?: Tx, window?: { sort?: SortSpec; need?: number }): string[] | undefined {
    const idx = this.store.indexes.of(coll)
    const src = this.store.source(coll)
    const plan = idx?.plan(filter.criteria, src, tx ? {} : { ...window, test: (d) => filter.test(d) })
    if (!plan) {
      if (src.size() > 0) this.indexUse.scanned++
      return undefined
    }
    this.indexUse.indexed++
    const name = `${coll}.${plan.index}`
    this.indexUse.byIndex[name] = (this.indexUse.byIndex[name] ?? 0) + 1
    if (!tx) return plan.keys
    const extra: string[] = []
    for (const s of tx.staged.values()) if (s.coll === coll && this.store.get(coll, s.key)) extra.push(s.key)
    if (extra.length === 0) return plan.keys
    return [...new Set([...plan.keys, ...extra])].sort((a, b) => src.ord(a) - src.ord(b))
  }

  /** One document as `tx` (or nobody) sees it. */
  view(coll: string, key: string, tx?: Tx): Doc | undefined {
    const staged = tx?.staged.get(versionKey(coll, key))
    if (staged) return staged.doc ?? undefined
    return this.store.get(coll, key)
  }

  /**
   * A plain (non-transactional) write. If what it touches is locked by an open transaction it waits for that
   * transaction to end and re-plans against the new state; past `lockWaitMs` it fails with DATABASE_LOCK_TIMEOUT.
   */
  async writeOutside<T>(plan: () => Planned<T>): Promise<T> {
    const deadline = performance.now() + this.opts.lockWaitMs
    for (;;) {
      this.checkAvailable()
      const p = plan()
      if ('ops' in p) {
        await this.commit(p.ops, false)
        return p.result
      }
      const { coll, key, tx } = p.blockedBy
      if (!(await this.txm.waitForRelease(coll, key, deadline))) {
        throw new DbError(
          Codes.LOCK_TIMEOUT,
          `document ${coll}/${key.slice(1)} stayed locked by open transaction ${tx.id} for ${this.opts.lockWaitMs} ms. ` + WHERE_HINT,
        )
      }
    }
  }

  /** The first lock a where-write would have to wait for: a locked document that matches now or will match. */
  lockBlocking(coll: string, filter: Filter): { coll: string; key: string; tx: Tx } | undefined {
    for (const key of filter.idKeys ?? []) {
      const tx = this.txm.ownerOf(coll, key)
      if (tx) return { coll, key, tx }
    }
    for (const s of this.txm.locksIn(coll)) {
      const committed = this.store.get(coll, s.key)
      if ((committed && filter.test(committed)) || (s.doc && filter.test(s.doc))) return { coll, key: s.key, tx: s.tx }
    }
    return undefined
  }

  lockOn(coll: string, key: string): { coll: string; key: string; tx: Tx } | undefined {
    const tx = this.txm.ownerOf(coll, key)
    return tx ? { coll, key, tx } : undefined
  }

  /**
   * A transactional write to one document. Conflicts (another transaction holds the lock, or the document
   * changed since this transaction read it) abort the transaction, as MongoDB does, so the SDK's
   * runTransaction can retry from scratch. A lock conflict is reported once the holder has finished, so the
   * retry reads fresh data instead of spinning into the same lock.
   */
  async txWrite(tx: Tx, coll: string, id: DocId, compute: (current: Doc | undefined) => Doc | null | undefined): Promise<void> {
    this.checkAvailable()
    const key = idKey(id)
    const vk = versionKey(coll, key)
    const owner = this.txm.ownerOf(coll, key)
    if (owner && owner !== tx) {
      this.txm.end(tx, `aborted: write conflict on ${coll}/${describeId(id)}`)
      await this.txm.waitForRelease(coll, key, performance.now() + this.opts.lockWaitMs)
      throw transactionConflict(`document ${coll}/${describeId(id)} is being written by another transaction`)
    }
    const seen = tx.reads.get(vk)
    const now = this.store.version(coll, key)
    if (!owner && seen !== undefined && (now?.seq ?? 0) !== seen) {
      this.txm.end(tx, `aborted: ${coll}/${describeId(id)} changed after it was read`)
      const hint = now && !now.byTx ? ` It was changed by a non-transactional write. ${WHERE_HINT}` : ''
      throw transactionConflict(`document ${coll}/${describeId(id)} changed since this transaction read it.${hint}`)
    }
    const current = this.view(coll, key, tx)
    const next = compute(current)
    const prev = tx.staged.get(vk)
    if (next === undefined) {
      this.txm.stage(tx, { coll, key, id, doc: current ?? null, write: prev?.write ?? false })
    } else {
      this.txm.stage(tx, { coll, key, id, doc: next, write: true })
    }
  }

  async commitTx(tx: Tx): Promise<void> {
    const ops: WriteOp[] = []
    for (const s of tx.staged.values()) {
      if (!s.write) continue
      if (s.doc) ops.push({ op: 'put', c: s.coll, doc: s.doc })
      else if (this.store.get(s.coll, s.key)) ops.push({ op: 'del', c: s.coll, id: s.id })
    }
    const durable = this.commit(ops, true)
    this.txm.end(tx, 'committed')
    await durable
  }

  /** Refuses new work and aborts open transactions (waking writers queued on their locks). */
  stopAccepting(): void {
    this.closing = true
    this.txm.abortAll('aborted: server shut down')
  }

  async close(): Promise<void> {
    this.stopAccepting()
    await this.journal.close()
  }

  private noteRead(tx: Tx, coll: string, key: string): void {
    const vk = versionKey(coll, key)
    if (!tx.reads.has(vk) && !tx.staged.has(vk)) tx.reads.set(vk, this.store.version(coll, key)?.seq ?? 0)
  }
}
