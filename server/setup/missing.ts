import type { Db } from '../platform/cloudbase'
import { COLLECTIONS } from './collection-list'

export const SETUP_COMMAND = 'npm run db:setup'
export const COLLECTION_MISSING = 'DATABASE_COLLECTION_NOT_EXIST'

const codeOf = (e: unknown) => String((e as { code?: unknown } | null)?.code ?? '')

/** TCB's answer to a read or write on a collection that was never created (its message does not name it). */
export function isCollectionMissing(e: unknown): boolean {
  return codeOf(e) === COLLECTION_MISSING || codeOf((e as { cause?: unknown } | null)?.cause) === COLLECTION_MISSING
}

/** Which of the product's collections do not exist: one count each, asked only after a call failed for that reason. */
export async function missingCollections(db: Pick<Db, 'collection'>, names: readonly string[] = COLLECTIONS): Promise<string[]> {
  const answers = await Promise.all(
    names.map(async (name) => {
      try {
        const res = (await db.collection(name).count()) as { code?: unknown }
        return res?.code === COLLECTION_MISSING ? name : null
      } catch (e) {
        return codeOf(e) === COLLECTION_MISSING ? name : null
      }
    }),
  )
  return answers.filter((n): n is string => n !== null)
}

/** The operator's line: which collections are missing and the command that creates them. */
export function missingCollectionsLine(names: readonly string[]): string {
  const which = names.length > 0 ? names.join(', ') : '(none of the product’s own: a collection this code does not declare)'
  return `[setup] database collection missing: ${which}. Create every collection and index with \`${SETUP_COMMAND}\` (README, "Deploying to TCB").`
}
