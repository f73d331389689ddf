import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { INDEXES } from '../../cloudfunctions/indexes'
import { COLLECTION_FILES, COLLECTIONS, collectionNamesOf } from '../../server/setup/collection-list'
import { setupDatabase } from '../../server/setup/database'
import { managerIndex, managerTarget, type ManagerDatabase, type ManagerIndex } from '../../server/setup/manager'
import { missingCollectionsLine } from '../../server/setup/missing'

const ROOT = path.resolve(__dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name)
    if (statSync(path.join(ROOT, rel)).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(rel)
    return rel.endsWith('.ts') && !rel.endsWith('.test.ts') ? [rel] : []
  })
}

const PRODUCT = [...sourceFiles('cloudfunctions'), ...sourceFiles('server')]
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8')

test('every cloudfunctions/**/collections.ts (and server/collections.ts) feeds the setup list', () => {
  const files = PRODUCT.filter((f) => path.basename(f) === 'collections.ts')
  expect(files.length).toBeGreaterThanOrEqual(7)
  for (const file of files) {
    const declared = [...read(file).matchAll(/^export const [A-Z_]+ = '([a-z][a-z0-9_]*)'$/gm)].map((m) => m[1])
    expect(declared.length).toBeGreaterThan(0)
    for (const name of declared) expect({ file, name, created: COLLECTIONS.includes(name) }).toEqual({ file, name, created: true })
  }
  expect(files.length).toBe(Object.keys(COLLECTION_FILES).length)
})

test('code names only collections that a collections.ts declares', () => {
  const constants = new Set(Object.values(COLLECTION_FILES).flatMap((m) => Object.entries(m).filter(([, v]) => collectionNamesOf({ v }).length === 1).map(([k]) => k)))
  // Where a collection is named: db.collection(X), and the helpers that take one (insertOnce, txGet, txUpdate).
  const use = /(?:\.collection|insertOnce|txGet(?:<[^>]*>)?|txUpdate)\(\s*(?:[a-zA-Z.]+,\s*)?(?:'([^']+)'|([A-Z][A-Z0-9_]*)\b)/g
  const unknown: string[] = []
  let seen = 0
  for (const file of PRODUCT) {
    for (const m of read(file).matchAll(use)) {
      seen++
      if (m[1] !== undefined && !COLLECTIONS.includes(m[1])) unknown.push(`${file}: '${m[1]}'`)
      if (m[2] !== undefined && !constants.has(m[2])) unknown.push(`${file}: ${m[2]}`)
    }
  }
  expect(seen).toBeGreaterThan(100)
  expect(unknown).toEqual([])
})

test('every indexed collection is created', () => {
  expect(Object.keys(INDEXES).filter((c) => !COLLECTIONS.includes(c))).toEqual([])
})

/** A management API that remembers what it was asked, as the real one's database would. */
function fakeManager() {
  const colls = new Set<string>()
  const indexes = new Map<string, ManagerIndex>()
  const calls: string[] = []
  const db: ManagerDatabase = {
    async createCollectionIfNotExists(name) {
      calls.push(`create ${name}`)
      const IsCreated = !colls.has(name)
      colls.add(name)
      return { IsCreated }
    },
    async checkIndexExists(coll, index) {
      if (!colls.has(coll)) throw new Error(`no collection ${coll}`)
      return { Exists: indexes.has(`${coll}.${index}`) }
    },
    async updateCollection(coll, info) {
      for (const ix of info.CreateIndexes) {
        calls.push(`index ${coll}.${ix.IndexName}`)
        indexes.set(`${coll}.${ix.IndexName}`, ix)
      }
      return {}
    },
  }
  return { db, colls, indexes, calls }
}

test('production setup creates every collection and index once; a second run changes nothing', async () => {
  const m = fakeManager()
  const first = await setupDatabase(managerTarget(m.db))
  const allIndexes = Object.entries(INDEXES).flatMap(([c, specs]) => specs.map((s) => `${c}.${s.name}`))
  expect(first.created).toEqual([...COLLECTIONS])
  expect(first.existing).toEqual([])
  expect(first.indexesCreated.sort()).toEqual([...allIndexes].sort())
  expect([...m.colls].sort()).toEqual([...COLLECTIONS].sort())
  expect(m.indexes.get('orders.buyer_createdAt')).toEqual({
    IndexName: 'buyer_createdAt',
    MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'buyer', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }] },
  })

  m.calls.length = 0
  const second = await setupDatabase(managerTarget(m.db))
  expect(second.created).toEqual([])
  expect(second.existing).toEqual([...COLLECTIONS])
  expect(second.indexesCreated).toEqual([])
  expect(second.indexesExisting.sort()).toEqual([...allIndexes].sort())
  expect(m.calls.filter((c) => c.startsWith('index '))).toEqual([]) // an existing index is never rebuilt
})

test('index directions map to the management API', () => {
  expect(managerIndex({ name: 'u', unique: true, fields: [{ field: 'a', direction: 'asc' }, { field: 'b', direction: 'desc' }] })).toEqual({
    IndexName: 'u',
    MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'a', Direction: '1' }, { Name: 'b', Direction: '-1' }] },
  })
})

test('the operator is told which collections are missing and the command that creates them', () => {
  const line = missingCollectionsLine(['orders', 'codes'])
  expect(line).toContain('orders, codes')
  expect(line).toContain('npm run db:setup')
})
