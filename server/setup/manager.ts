import type { IndexSpec } from '../../cloudfunctions/indexes'
import type { SetupTarget } from './database'

/** The part of @cloudbase/manager-node's `database` service the setup uses (a devDependency, never in a function). */
export interface ManagerDatabase {
  createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>
  checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>
  updateCollection(collection: string, info: { CreateIndexes: ManagerIndex[] }): Promise<unknown>
}

export interface ManagerIndex {
  IndexName: string
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: '1' | '-1' | '2dsphere' }[] }
}

/** cloudfunctions/indexes.ts's spec in the management API's shape (Direction "1" ascending, "-1" descending). */
export function managerIndex(spec: IndexSpec): ManagerIndex {
  return {
    IndexName: spec.name,
    MgoKeySchema: { MgoIsUnique: spec.unique ?? false, MgoIndexKeys: spec.fields.map((f) => ({ Name: f.field, Direction: f.direction === 'asc' ? '1' : f.direction === 'desc' ? '-1' : '2dsphere' })) },
  }
}

/**
 * Production's target. An index is created only when none of its name exists: updateCollection drops and rebuilds
 * an index it is given again, which on a large collection is slow and leaves queries without it meanwhile.
 */
export function managerTarget(database: ManagerDatabase): SetupTarget {
  return {
    ensureCollection: async (name) => (await database.createCollectionIfNotExists(name)).IsCreated === true,
    ensureIndex: async (coll, spec) => {
      if ((await database.checkIndexExists(coll, spec.name)).Exists) return false
      await database.updateCollection(coll, { CreateIndexes: [managerIndex(spec)] })
      return true
    },
  }
}
