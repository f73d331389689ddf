/**
 * The SDK can hand back `{ code, message }` instead of throwing (its compatibility mode); every write result
 * goes through `checked` so such a reply can never be mistaken for success.
 */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`)
    this.name = 'DbError'
  }
}

export function checked<T>(res: T): T {
  const r = res as { code?: unknown; message?: unknown }
  if (r && typeof r === 'object' && typeof r.code === 'string' && r.code) throw new DbError(r.code, String(r.message ?? ''))
  return res
}

/** The error a write gets when `_id` is taken: the basis of every "unique by construction" id in the product. */
export function isDuplicateKey(e: unknown): boolean {
  const x = e as { code?: unknown; message?: unknown }
  const text = `${String(x?.code ?? '')} ${String(x?.message ?? '')}`
  return /DUPLICATE|duplicate key|E11000/i.test(text)
}

/**
 * Inserts a document whose id makes it unique, once: true when this call wrote it, false when it was already there
 * (a replay, or another writer first). Every other error is thrown.
 */
export async function insertOnce<D extends { _id: string }>(db: { collection(name: string): { add(doc: unknown): Promise<unknown> } }, coll: string, doc: D): Promise<boolean> {
  try {
    checked(await db.collection(coll).add(doc))
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
}

export async function updatedCount(p: Promise<unknown>): Promise<number> {
  const r = checked(await p) as { updated?: number }
  return r.updated ?? 0
}
