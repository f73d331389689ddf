import type { Db } from '../platform/cloudbase'
import { setupDatabase, type SetupReport, type SetupTarget } from './database'

export const COLLECTION_EXISTS = 'DATABASE_COLLECTION_ALREADY_EXIST'

const codeOf = (e: unknown) => String((e as { code?: unknown } | null)?.code ?? '')

/** Creates a collection through the database SDK's createCollection; TCB answers DATABASE_COLLECTION_ALREADY_EXIST when it exists. */
export async function createCollectionIfMissing(db: Pick<Db, 'createCollection'>, name: string): Promise<boolean> {
  try {
    const res = (await db.createCollection(name)) as { code?: unknown; message?: unknown } | undefined
    // The SDK's compatibility mode hands errors back instead of throwing them.
    if (res && typeof res.code === 'string' && res.code) throw Object.assign(new Error(String(res.message ?? res.code)), { code: res.code })
    return true
  } catch (e) {
    if (codeOf(e) === COLLECTION_EXISTS) return false
    throw e
  }
}

/** The setup through the database SDK: collections only, since the local server builds INDEXES itself at start. */
export function sdkTarget(db: Pick<Db, 'createCollection'>): SetupTarget {
  return { ensureCollection: (name) => createCollectionIfMissing(db, name) }
}

/** What local/stack.ts runs on every start, before seeding: the product's collections on the local server. */
export function ensureCollections(db: Pick<Db, 'createCollection'>, log?: (line: string) => void): Promise<SetupReport> {
  return setupDatabase(sdkTarget(db), log)
}
