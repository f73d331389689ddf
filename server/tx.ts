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

/**
 * Runs `fn` in a transaction; the SDK retries it on DATABASE_TRANSACTION_CONFLICT. Use it where one state
 * change must carry its consequences with it (an order closing and its stock coming back), so a crash in
 * between cannot separate them.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (db as unknown as { runTransaction(f: (tx: Tx) => Promise<T>, times?: number): Promise<T> }).runTransaction(fn, 8)
}

export async function txGet<T>(tx: Tx, coll: string, id: string): Promise<T | null> {
  const res = checked(await tx.collection(coll).doc(id).get())
  return (res.data as T | null) ?? null
}

export async function txUpdate(tx: Tx, coll: string, id: string, data: Record<string, unknown>): Promise<void> {
  checked(await tx.collection(coll).doc(id).update(data))
}
