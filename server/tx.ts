import type { Db } from './platform/cloudbase'
import { checked } from './db'

/** The single-document operations a CloudBase transaction allows (no `where`: it would run outside it). */
export interface TxDoc {
  get(): Promise<{ data: Record<string, any> | null }>
  update(data: Record<string, unknown>): Promise<unknown>
  set(data: Record<string, unknown>): Promise<unknown>
  remove(): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(data: Record<string, unknown>): Promise<unknown> }
}

/** How long a transaction keeps retrying write conflicts before giving up: well inside every function's timeout. */
const CONFLICT_BUDGET_MS = 5_000

/**
 * Runs `fn` in a transaction; the SDK retries it on DATABASE_TRANSACTION_CONFLICT. Use it where one state
 * change must carry its consequences with it (an order closing and its stock coming back), so a crash in
 * between cannot separate them.
 *
 * Such transactions all write one hot document (the deal's stock), so a burst of them — buyers refunding at
 * once, the payments that complete a group — conflicts many times over, and each round of conflicts lets one
 * through. The SDK's few immediate retries turned that ordinary queue into INTERNAL answers; instead, conflicts
 * are retried after a short random wait until the budget is spent. `fn` already re-reads what it decides on.
 */
export function isTransactionConflict(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT'
}

export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const run = (db as unknown as { runTransaction(f: (tx: Tx) => Promise<T>, times?: number): Promise<T> }).runTransaction.bind(db)
  const started = Date.now()
  for (let round = 0; ; round++) {
    try {
      return await run(fn, 8)
    } catch (e) {
      if (!isTransactionConflict(e) || Date.now() - started >= CONFLICT_BUDGET_MS) throw e
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 5 * 2 ** round)))
    }
  }
}

export async function txGet<T>(tx: Tx, coll: string, id: string): Promise<T | null> {
  const res = checked(await tx.collection(coll).doc(id).get())
  return (res.data as T | null) ?? null
}

export async function txUpdate(tx: Tx, coll: string, id: string, data: Record<string, unknown>): Promise<void> {
  checked(await tx.collection(coll).doc(id).update(data))
}
