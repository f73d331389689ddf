import { getDb } from '../../../server/platform/cloudbase'

const COLLECTIONS = ['shops', 'shop_members', 'deals', 'promoters', 'orders', 'codes', 'payments', 'audit_events']

/** Every document of the product's collections, for "nothing changed" assertions. */
export async function snapshotDb(): Promise<Record<string, unknown[]>> {
  const db = getDb()
  const out: Record<string, unknown[]> = {}
  for (const c of COLLECTIONS) {
    try {
      out[c] = (await db.collection(c).orderBy('_id', 'asc').limit(1000).get()).data
    } catch {
      out[c] = []
    }
  }
  return out
}
