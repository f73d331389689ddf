import fc from 'fast-check'
import { Engine } from '../src/engine'
import type { IndexList } from '../src/indexes'
import type { JournalWriter } from '../src/journal'
import { compileFilter, shapeDocs, type SortSpec } from '../src/query'
import { Store, type WriteOp } from '../src/store'
import type { Doc } from '../src/values'
import { startHarness, type Db, type Harness } from './helpers'

/**
 * Secondary indexes only narrow what a query looks at; every answer must be the one a full scan gives. Each
 * property runs the same random writes against an indexed and an unindexed copy and compares every query.
 */

const INDEXES: IndexList = {
  items: [
    { name: 'owner_at', fields: [{ field: 'owner' }, { field: 'at', direction: 'desc' }] },
    { name: 'owner_status_at', fields: [{ field: 'owner' }, { field: 'status' }, { field: 'at' }] },
    { name: 'shop_id', fields: [{ field: 'shop.id' }] },
    { name: 'status', fields: [{ field: 'status' }] },
  ],
}

const DAY0 = Date.UTC(2025, 0, 1)
const ids = Array.from({ length: 14 }, (_, i) => `d${i}`)
// Few distinct values, so buckets collide and sort values tie; odd shapes an index cannot hash go along.
const owner = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('ann', 'bob', 'cy') },
  { weight: 1, arbitrary: fc.constantFrom(1, null, undefined, ['ann', 'bob'], { n: 'ann' }) },
)
const status = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('paid', 'done', true, false) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, ['paid']) })
const at = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }).map((d) => new Date(DAY0 + d * 86_400_000)) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 7, 'yesterday', [new Date(DAY0)]) },
)
const shop = fc.oneof(fc.constantFrom('s1', 's2').map((id) => ({ id })), fc.constant(undefined), fc.constant([{ id: 's1' }]), fc.constant('s1'))

/** A document with some fields possibly missing (undefined ones are dropped). */
const body = fc.record({ owner, status, at, shop, n: fc.integer({ min: 0, max: 3 }) }).map((d) => {
  const out: Doc = {}
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v
  return out
})

type Write =
  | { kind: 'put'; id: string; doc: Doc }
  | { kind: 'patch'; id: string; patch: Doc }
  | { kind: 'del'; id: string }
  | { kind: 'delWhere'; owner: string }
  | { kind: 'setWhere'; owner: string; status: unknown }

const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), id: fc.constantFrom(...ids), doc: body }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('patch' as const),
      id: fc.constantFrom(...ids),
      patch: fc.oneof(
        owner.filter((v) => v !== undefined).map((v) => ({ owner: v })),
        status.filter((v) => v !== undefined).map((v) => ({ status: v })),
        at.filter((v) => v !== undefined).map((v) => ({ at: v })),
        fc.constant({ 'shop.id': 's2' }),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('del' as const), id: fc.constantFrom(...ids) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delWhere' as const), owner: fc.constantFrom('ann', 'bob', 'cy') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setWhere' as const), owner: fc.constantFrom('ann', 'bob', 'cy'), status: fc.constantFrom('paid', 'done') }) },
)

interface Q {
  where: Doc
  sort?: SortSpec
  skip: number
  limit: number
}

const ownerQ = fc.oneof(
  fc.constantFrom('ann', 'bob', 'cy', 'nobody').map((v) => v as unknown),
  fc.constantFrom('ann', 'bob').map((v) => ({ $eq: v })),
  fc.subarray(['ann', 'bob', 'cy', 'zed'], { minLength: 0 }).map((v) => ({ $in: v })),
)
const sortQ = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<SortSpec>({ at: -1 }, { at: 1 }, { at: -1, n: 1 }, { at: 1, _id: -1 }, { n: 1 }),
)
const query: fc.Arbitrary<Q> = fc.record({
  where: fc.oneof(
    ownerQ.map((o) => ({ owner: o })),
    fc.tuple(ownerQ, fc.constantFrom<unknown>('paid', 'done', true, { $in: ['paid', 'done'] })).map(([o, s]) => ({ owner: o, status: s })),
    ownerQ.map((o) => ({ owner: o, at: { $gte: new Date(DAY0 + 2 * 86_400_000) } })),
    ownerQ.map((o) => ({ $and: [{ owner: o }, { n: { $lt: 3 } }] })),
    fc.constantFrom<Doc>({ 'shop.id': 's1' }, { 'shop.id': { $in: ['s1', 's2'] } }, { status: false }, { status: 'paid', n: { $gt: 0 } }, { owner: null }, {}),
  ),
  sort: sortQ,
  skip: fc.integer({ min: 0, max: 4 }),
  limit: fc.integer({ min: 1, max: 6 }),
})

/** An engine over a bare store: enough for match(), which never touches the journal. */
function engineOver(store: Store): Engine {
  return new Engine(store, undefined as unknown as JournalWriter, { lockWaitMs: 100, txTimeoutMs: 1000 })
}

function applyWrite(store: Store, w: Write, seq: number): void {
  const engine = engineOver(store)
  const ops: WriteOp[] = []
  if (w.kind === 'put') ops.push({ op: 'put', c: 'items', doc: { _id: w.id, ...w.doc } })
  else if (w.kind === 'patch') {
    const cur = store.get('items', `s${w.id}`)
    if (cur) {
      const next: Doc = { ...cur }
      for (const [k, v] of Object.entries(w.patch)) {
        if (k === 'shop.id') next.shop = { id: v }
        else next[k] = v
      }
      ops.push({ op: 'put', c: 'items', doc: next })
    }
  } else if (w.kind === 'del') ops.push({ op: 'del', c: 'items', id: w.id })
  else if (w.kind === 'delWhere') for (const d of engine.match('items', compileFilter({ owner: w.owner }))) ops.push({ op: 'del', c: 'items', id: d._id as string })
  else for (const d of engine.match('items', compileFilter({ owner: w.owner }))) ops.push({ op: 'put', c: 'items', doc: { ...d, status: w.status } })
  store.apply(ops, seq, false)
}

function run(store: Store, q: Q): Doc[] {
  return shapeDocs(engineOver(store).match('items', compileFilter(q.where), undefined, { sort: q.sort, need: q.skip + q.limit }), q)
}

test('indexed queries return exactly what a scan returns, through random writes (engine level)', () => {
  let used = 0
  fc.assert(
    fc.property(fc.array(write, { maxLength: 60 }), fc.array(query, { minLength: 1, maxLength: 12 }), (writes, queries) => {
      const indexed = new Store(INDEXES)
      const plain = new Store()
      writes.forEach((w, i) => {
        applyWrite(indexed, w, i + 1)
        applyWrite(plain, w, i + 1)
        if (i % 10 === 9) for (const q of queries) expect(run(indexed, q)).toEqual(run(plain, q))
      })
      for (const q of queries) {
        expect(run(indexed, q)).toEqual(run(plain, q))
        expect(engineOver(indexed).match('items', compileFilter(q.where))).toEqual(engineOver(plain).match('items', compileFilter(q.where)))
      }
      const e = engineOver(indexed)
      e.match('items', compileFilter(queries[0].where))
      used += e.indexUse.indexed
    }),
    { numRuns: 300 },
  )
  expect(used).toBeGreaterThan(0)
})

// ---- through the SDK: the wire, transactions, restart from the journal ----

interface TxColl {
  doc(id: string): { update(d: object): Promise<unknown>; set(d: object): Promise<unknown>; remove(): Promise<unknown> }
  where(q: object): { get(): Promise<{ data: Doc[] }> }
}
interface Tx {
  collection(c: string): TxColl
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}
const startTx = (db: Db) => (db as unknown as { startTransaction(): Promise<Tx> }).startTransaction()

let withIdx: Harness
let noIdx: Harness
beforeAll(async () => {
  ;[withIdx, noIdx] = await Promise.all([startHarness('idx-on', { indexes: INDEXES, collections: ['items'] }), startHarness('idx-off', { collections: ['items'] })])
})
afterAll(async () => {
  await Promise.all([withIdx.stop(), noIdx.stop()])
})

/** What a get returns, or the error code it fails with. */
async function sdkGet(db: Db, q: Q): Promise<unknown> {
  try {
    let ref = db.collection('items').where(q.where)
    for (const [f, d] of Object.entries(q.sort ?? {})) ref = ref.orderBy(f, d === 1 ? 'asc' : 'desc')
    const r = await ref.skip(q.skip).limit(q.limit).get()
    return r.data
  } catch (e) {
    return { code: (e as { code?: string }).code }
  }
}

async function sdkWrite(db: Db, w: Write): Promise<unknown> {
  const items = db.collection('items')
  try {
    if (w.kind === 'put') return await items.doc(w.id).set(w.doc)
    if (w.kind === 'patch') return await items.doc(w.id).update(w.patch)
    if (w.kind === 'del') return await items.doc(w.id).remove()
    if (w.kind === 'delWhere') return await items.where({ owner: w.owner }).remove()
    return await items.where({ owner: w.owner }).update({ status: w.status })
  } catch (e) {
    return { code: (e as { code?: string }).code }
  }
}

const strip = (r: unknown) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'requestId' ? undefined : v))) as unknown

async function compareAll(queries: Q[]): Promise<void> {
  for (const q of queries) {
    const [a, b] = await Promise.all([sdkGet(withIdx.db, q), sdkGet(noIdx.db, q)])
    expect(a).toEqual(b)
  }
  const [ca, cb] = await Promise.all([withIdx.db.collection('items').where({ owner: 'ann' }).count(), noIdx.db.collection('items').where({ owner: 'ann' }).count()])
  expect(ca.total).toBe(cb.total)
  const agg = (db: Db) =>
    db.collection('items').aggregate().match({ owner: db.command.in(['ann', 'bob']) }).group({ _id: '$owner', n: { $sum: 1 }, ids: { $push: '$_id' } }).sort({ _id: 1 }).end()
  const [ga, gb] = await Promise.all([agg(withIdx.db), agg(noIdx.db)])
  expect(ga.data).toEqual(gb.data)
}

test('through the SDK: random writes, aborted and committed transactions, where-writes, then restart', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(write, { maxLength: 25 }),
      fc.array(query, { minLength: 1, maxLength: 6 }),
      fc.array(fc.record({ id: fc.constantFrom(...ids), owner: fc.constantFrom('ann', 'bob', 'cy'), commit: fc.boolean() }), { maxLength: 3 }),
      async (writes, queries, txs) => {
        for (const h of [withIdx, noIdx]) await h.db.collection('items').where({ n: h.db.command.gte(0) }).remove()
        for (const w of writes) {
          const [a, b] = await Promise.all([sdkWrite(withIdx.db, w), sdkWrite(noIdx.db, w)])
          expect(strip(a)).toEqual(strip(b))
        }
        await compareAll(queries)
        for (const t of txs) {
          const seen: unknown[] = []
          for (const h of [withIdx, noIdx]) {
            const tx = await startTx(h.db)
            await tx.collection('items').doc(t.id).update({ owner: t.owner })
            // Inside, a where sees the transaction's own write (the staged owner), indexed or not.
            seen.push((await tx.collection('items').where({ owner: t.owner }).get()).data)
            if (t.commit) await tx.commit()
            else await tx.rollback()
          }
          expect(seen[0]).toEqual(seen[1])
          await compareAll(queries)
        }
      },
    ),
    { numRuns: 12 },
  )
  const use = withIdx.server.indexUse()
  expect(use.indexed).toBeGreaterThan(0)
  expect(noIdx.server.indexUse().indexed).toBe(0)

  // Restart the indexed server on its data: the indexes are rebuilt from snapshot + journal replay.
  const queries = fc.sample(query, { numRuns: 40, seed: 7 })
  await withIdx.stop(true)
  withIdx = await startHarness('idx-on', { indexes: INDEXES, dataDir: withIdx.dataDir })
  await compareAll(queries)
  for (const w of fc.sample(write, { numRuns: 20, seed: 11 })) await Promise.all([sdkWrite(withIdx.db, w), sdkWrite(noIdx.db, w)])
  await withIdx.stop(true) // this time the journal holds records to replay and compact
  withIdx = await startHarness('idx-on', { indexes: INDEXES, dataDir: withIdx.dataDir })
  await compareAll(queries)
  expect(withIdx.server.indexUse().indexed).toBeGreaterThan(0)
})

test('a document whose indexed field changes moves to its new key; the window of a sorted read stays exact', async () => {
  const items = withIdx.db.collection('items')
  await items.where({ n: withIdx.db.command.gte(0) }).remove()
  await items.add(Array.from({ length: 50 }, (_, i) => ({ _id: `m${i}`, owner: 'ann', n: i % 4, at: new Date(DAY0 + (i % 7) * 1000) })))
  await items.doc('m3').update({ owner: 'bob' })
  await items.doc('m4').update({ at: new Date(DAY0 + 10_000) })
  const bob = await items.where({ owner: 'bob' }).get()
  expect(bob.data.map((d) => d._id)).toEqual(['m3'])
  const newest = await items.where({ owner: 'ann' }).orderBy('at', 'desc').limit(3).get()
  expect(newest.data.map((d) => d._id)).toEqual(['m4', 'm6', 'm13'])
  withIdx.server.resetStats()
  await items.where({ owner: 'ann', status: 'x' }).get()
  expect(withIdx.server.indexUse().byIndex).toEqual({ 'items.owner_status_at': 1 })
})
