import { codeOf, sleep, startHarness, type Db, type Harness } from './helpers'

/** The SDK's transaction typings are loose; this is the part tests use. */
interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  update(d: object): Promise<{ updated: number }>
  set(d: object): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
}
interface TxColl {
  doc(id: string): TxDoc
  add(d: object): Promise<{ id: string }>
  where(q: object): { get(): Promise<{ data: Array<Record<string, unknown>> }>; update(d: object): Promise<unknown> }
}
interface Tx {
  collection(c: string): TxColl
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}
const txApi = (db: Db) =>
  db as unknown as { startTransaction(): Promise<Tx>; runTransaction<T>(fn: (tx: Tx) => Promise<T>, times?: number): Promise<T> }

let h: Harness
beforeAll(async () => {
  h = await startHarness('tx', { lockWaitMs: 1500, txTimeoutMs: 3000, collections: ['ab', 'counters', 'hz', 'iso', 'rt', 'stale', 'to', 'tt', 'uart', 'wait'] })
})
afterAll(() => h.stop())

const value = async (coll: string, id: string) => (await h.db.collection(coll).doc(id).get()).data[0]

test('N concurrent read-increment-write transactions lose no update (conflicts are retried)', async () => {
  await h.db.collection('counters').add({ _id: 'c', n: 0 })
  h.server.resetStats()
  const N = 8
  await Promise.all(
    Array.from({ length: N }, () =>
      txApi(h.db).runTransaction(async (tx) => {
        const cur = await tx.collection('counters').doc('c').get()
        await tx.collection('counters').doc('c').update({ n: (cur.data?.n as number) + 1 })
      }, 2 * N),
    ),
  )
  expect((await value('counters', 'c')).n).toBe(N)
  const started = h.server.stats().byAction['database.startTransaction']
  expect(started).toBeGreaterThan(N) // some attempts hit DATABASE_TRANSACTION_CONFLICT and were retried
  expect(h.server.stats().byAction['database.commitTransaction']).toBe(N)
})

test('writes are invisible outside until commit; reads inside see them', async () => {
  await h.db.collection('iso').add({ _id: 'x', v: 1 })
  const tx = await txApi(h.db).startTransaction()
  await tx.collection('iso').doc('x').update({ v: 2 })
  await tx.collection('iso').add({ _id: 'y', v: 9 })
  expect((await value('iso', 'x')).v).toBe(1)
  expect(await value('iso', 'y')).toBeUndefined()
  expect((await tx.collection('iso').doc('x').get()).data).toEqual({ _id: 'x', v: 2 })
  // where().get() does carry the transactionId, so it sees the transaction's own writes too.
  const inside = await tx.collection('iso').where({ v: 9 }).get()
  expect(inside.data).toEqual([{ _id: 'y', v: 9 }])
  await tx.commit()
  expect((await value('iso', 'x')).v).toBe(2)
  expect((await value('iso', 'y')).v).toBe(9)
})

test('rollback discards every write and releases the locks', async () => {
  await h.db.collection('ab').add({ _id: 'x', v: 1 })
  const tx = await txApi(h.db).startTransaction()
  await tx.collection('ab').doc('x').set({ v: 100 })
  await tx.collection('ab').doc('new').set({ v: 5 })
  await tx.collection('ab').doc('x').remove()
  await tx.rollback()
  expect(await value('ab', 'x')).toEqual({ _id: 'x', v: 1 })
  expect(await value('ab', 'new')).toBeUndefined()
  const t0 = Date.now()
  await h.db.collection('ab').doc('x').update({ v: 2 })
  expect(Date.now() - t0).toBeLessThan(1000)
  expect((await value('ab', 'x')).v).toBe(2)
})

test('runTransaction: a throwing callback rolls back; rollback(reason) rejects with the reason', async () => {
  await h.db.collection('rt').add({ _id: 'x', v: 1 })
  await expect(
    txApi(h.db).runTransaction(async (tx) => {
      await tx.collection('rt').doc('x').update({ v: 2 })
      throw new Error('boom')
    }),
  ).rejects.toThrow('boom')
  await expect(
    txApi(h.db).runTransaction(async (tx) => {
      await tx.collection('rt').doc('x').update({ v: 3 })
      await tx.rollback('custom')
    }),
  ).rejects.toBe('custom')
  expect((await value('rt', 'x')).v).toBe(1)
})

test('a plain write to a document locked by a transaction waits for it, then applies on top', async () => {
  const _ = h.db.command
  await h.db.collection('wait').add({ _id: 'x', n: 0, log: [] })
  const tx = await txApi(h.db).startTransaction()
  await tx.collection('wait').doc('x').update({ n: 10 })
  let done = false
  const outside = h.db.collection('wait').doc('x').update({ n: _.inc(1) }).then((r) => {
    done = true
    return r
  })
  await sleep(150)
  expect(done).toBe(false)
  await tx.commit()
  expect((await outside).updated).toBe(1)
  expect((await value('wait', 'x')).n).toBe(11)
})

test('a second transaction writing a locked document gets DATABASE_TRANSACTION_CONFLICT and is aborted', async () => {
  await h.db.collection('tt').add({ _id: 'x', v: 0 })
  const t1 = await txApi(h.db).startTransaction()
  const t2 = await txApi(h.db).startTransaction()
  await t1.collection('tt').doc('x').update({ v: 1 })
  const conflict = codeOf(t2.collection('tt').doc('x').update({ v: 2 }))
  await sleep(50)
  await t1.commit()
  expect(await conflict).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(await codeOf(t2.commit())).toBe('DATABASE_TRANSACTION_FAIL')
  await t2.rollback() // harmless after the server aborted it
  expect((await value('tt', 'x')).v).toBe(1)
})

test('a document changed outside after the transaction read it makes its write conflict (with a hint)', async () => {
  await h.db.collection('stale').add({ _id: 'x', v: 0 })
  const tx = await txApi(h.db).startTransaction()
  await tx.collection('stale').doc('x').get()
  await h.db.collection('stale').doc('x').update({ v: 5 })
  let message = ''
  try {
    await tx.collection('stale').doc('x').update({ v: 1 })
  } catch (e) {
    expect((e as { code: string }).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    message = (e as Error).message
  }
  expect(message).toMatch(/non-transactional write/)
  expect((await value('stale', 'x')).v).toBe(5)
})

test('transactions left open time out and are aborted', async () => {
  await h.db.collection('to').add({ _id: 'x', v: 0 })
  const tx = await txApi(h.db).startTransaction()
  await tx.collection('to').doc('x').update({ v: 1 })
  await sleep(3300)
  expect(await codeOf(tx.commit())).toBe('DATABASE_TRANSACTION_FAIL')
  expect((await value('to', 'x')).v).toBe(0)
  await h.db.collection('to').doc('x').update({ v: 2 })
  expect((await value('to', 'x')).v).toBe(2)
})

test('hazard: where().update() inside a transaction runs outside it; on a document the transaction holds it fails with DATABASE_LOCK_TIMEOUT', async () => {
  await h.db.collection('hz').add({ _id: 'x', v: 0 })
  const err = await txApi(h.db)
    .runTransaction(async (tx) => {
      await tx.collection('hz').doc('x').update({ v: 1 })
      await tx.collection('hz').where({ _id: 'x' }).update({ v: 2 })
    })
    .then(() => undefined, (e: unknown) => e as { code: string; message: string })
  expect(err?.code).toBe('DATABASE_LOCK_TIMEOUT')
  expect(err?.message).toMatch(/ran OUTSIDE/)
  expect((await value('hz', 'x')).v).toBe(0) // the transaction was rolled back, the where-update never applied
})

test('updateAndReturn inside a transaction joins it', async () => {
  const _ = h.db.command
  await h.db.collection('uart').add({ _id: 'x', n: 1 })
  const tx = await txApi(h.db).startTransaction()
  const coll = tx.collection('uart') as unknown as { where(q: object): { updateAndReturn(d: object): Promise<{ doc: { n: number } }> } }
  const r = await coll.where({ _id: 'x' }).updateAndReturn({ n: _.inc(1) })
  expect(r.doc.n).toBe(2)
  expect((await value('uart', 'x')).n).toBe(1)
  await tx.commit()
  expect((await value('uart', 'x')).n).toBe(2)
})
