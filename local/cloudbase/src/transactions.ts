import { Codes, DbError, transactionNotExist } from './errors'
import { newTransactionId, type DocId } from './ids'
import { versionKey } from './store'
import type { Doc } from './values'

export interface Staged {
  coll: string
  key: string
  id: DocId
  /** The document as this transaction will commit it; null = deleted (or absent). */
  doc: Doc | null
  /** False while the transaction only holds the lock (e.g. an update that matched nothing). */
  write: boolean
}

export interface Tx {
  readonly id: string
  /** versionKey -> staged change; every key here is locked by this transaction. */
  readonly staged: Map<string, Staged>
  /** versionKey -> store version seen when first read (0 = absent). */
  readonly reads: Map<string, number>
  timer: NodeJS.Timeout
}

interface Waiter {
  resolve: (released: boolean) => void
  timer: NodeJS.Timeout
}

/**
 * Open transactions and their per-document write locks. First writer wins a lock and keeps it until commit or
 * abort; the store is only touched at commit. Ended transactions are remembered briefly so late calls get a
 * precise message.
 */
export class TxManager {
  private readonly open = new Map<string, Tx>()
  private readonly ended = new Map<string, string>()
  private readonly owners = new Map<string, Tx>()
  private readonly waiters = new Map<string, Waiter[]>()

  constructor(private readonly timeoutMs: number) {}

  begin(): Tx {
    const id = newTransactionId()
    const timer = setTimeout(() => {
      const tx = this.open.get(id)
      if (tx) this.end(tx, `aborted: open for more than ${this.timeoutMs} ms without commit`)
    }, this.timeoutMs)
    timer.unref()
    const tx: Tx = { id, staged: new Map(), reads: new Map(), timer }
    this.open.set(id, tx)
    return tx
  }

  /** The open transaction with this id, or the error the SDK reports for a missing one. */
  get(id: unknown): Tx {
    if (typeof id !== 'string' || !id) throw new DbError(Codes.INVALID_PARAM, 'transactionId must be a non-empty string')
    const tx = this.open.get(id)
    if (tx) return tx
    const why = this.ended.get(id)
    throw transactionNotExist(`transaction ${id} ${why ? `is no longer open: ${why}` : 'does not exist'}`)
  }

  endedReason(id: string): string | undefined {
    return this.ended.get(id)
  }

  ownerOf(coll: string, key: string): Tx | undefined {
    return this.owners.get(versionKey(coll, key))
  }

  /** Locks held in `coll` with the staged document, for where-writes that must not overtake a transaction. */
  *locksIn(coll: string): IterableIterator<Staged & { tx: Tx }> {
    for (const tx of this.open.values()) {
      for (const s of tx.staged.values()) if (s.coll === coll) yield { ...s, tx }
    }
  }

  stage(tx: Tx, s: Staged): void {
    const vk = versionKey(s.coll, s.key)
    const owner = this.owners.get(vk)
    if (owner && owner !== tx) throw new Error('internal: staging a document locked by another transaction')
    this.owners.set(vk, tx)
    tx.staged.set(vk, s)
  }

  /** Ends the transaction (commit already applied, or abort) and wakes writers waiting on its locks. */
  end(tx: Tx, reason: string): void {
    if (!this.open.delete(tx.id)) return
    clearTimeout(tx.timer)
    this.ended.set(tx.id, reason)
    if (this.ended.size > 10_000) this.ended.delete(this.ended.keys().next().value as string)
    for (const vk of tx.staged.keys()) {
      if (this.owners.get(vk) === tx) this.owners.delete(vk)
      for (const w of this.waiters.get(vk)?.splice(0) ?? []) {
        clearTimeout(w.timer)
        w.resolve(true)
      }
      this.waiters.delete(vk)
    }
  }

  /** Resolves true when the lock on the document is released, false at the deadline (performance.now(): monotonic, so moving the local clock never cuts a wait short). */
  waitForRelease(coll: string, key: string, deadline: number): Promise<boolean> {
    const vk = versionKey(coll, key)
    if (!this.owners.has(vk)) return Promise.resolve(true)
    const ms = deadline - performance.now()
    if (ms <= 0) return Promise.resolve(false)
    return new Promise((resolve) => {
      const list = this.waiters.get(vk) ?? []
      const w: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const i = list.indexOf(w)
          if (i >= 0) list.splice(i, 1)
          resolve(false)
        }, ms),
      }
      w.timer.unref()
      list.push(w)
      this.waiters.set(vk, list)
    })
  }

  abortAll(reason: string): void {
    for (const tx of [...this.open.values()]) this.end(tx, reason)
  }

  openCount(): number {
    return this.open.size
  }
}
