import { INDEXES, type IndexSpec } from '../../cloudfunctions/indexes'
import { COLLECTIONS } from './collection-list'

/**
 * Where the setup runs. Production: the management SDK (scripts/db-setup.ts, `npm run db:setup`). Locally and in
 * tests: the database SDK against the local server (local/stack.ts), whose indexes come from INDEXES at start.
 */
export interface SetupTarget {
  /** Creates the collection if it does not exist; true when this call created it. */
  ensureCollection(name: string): Promise<boolean>
  /** Creates the index if none of that name exists; true when this call created it. Absent: the target keeps indexes itself. */
  ensureIndex?(collection: string, index: IndexSpec): Promise<boolean>
}

export interface SetupReport {
  created: string[]
  existing: string[]
  /** `collection.index` */
  indexesCreated: string[]
  indexesExisting: string[]
}

/**
 * The one setup step: every collection the product declares (server/setup/collection-list) and every index in
 * cloudfunctions/indexes.ts. Idempotent: what exists is left as it is, so it can run on every deploy and start.
 */
export async function setupDatabase(target: SetupTarget, log: (line: string) => void = () => {}): Promise<SetupReport> {
  const report: SetupReport = { created: [], existing: [], indexesCreated: [], indexesExisting: [] }
  const unknown = Object.keys(INDEXES).filter((c) => !COLLECTIONS.includes(c))
  if (unknown.length > 0) throw new Error(`cloudfunctions/indexes.ts names collections no collections.ts declares: ${unknown.join(', ')}`)
  for (const name of COLLECTIONS) {
    const made = await target.ensureCollection(name)
    ;(made ? report.created : report.existing).push(name)
    if (made) log(`created collection ${name}`)
  }
  if (target.ensureIndex) {
    for (const [coll, specs] of Object.entries(INDEXES)) {
      for (const spec of specs) {
        const made = await target.ensureIndex(coll, spec)
        ;(made ? report.indexesCreated : report.indexesExisting).push(`${coll}.${spec.name}`)
        if (made) log(`created index ${coll}.${spec.name}`)
      }
    }
  }
  return report
}
