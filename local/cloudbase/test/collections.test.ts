import { startHarness, type Harness } from './helpers'

/**
 * TCB creates no collection on a write: every read and write on one never created answers
 * DATABASE_COLLECTION_NOT_EXIST, and nothing comes to exist until db.createCollection.
 */
let h: Harness
beforeAll(async () => {
  h = await startHarness('collections', { collections: ['present'] })
})
afterAll(() => h.stop())

interface TxLike {
  collection(name: string): { doc(id: string): { set(data: object): Promise<unknown> } }
}

const NOT_EXIST = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.' }

async function errorOf(p: Promise<unknown>): Promise<{ code: unknown; message: unknown }> {
  try {
    await p
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown }
    return { code: err.code, message: err.message }
  }
  throw new Error('expected the call to fail')
}

/** Whether `name` exists, asked the only way TCB answers: by creating it (and it stays created when it did not). */
async function existed(name: string): Promise<boolean> {
  try {
    await h.db.createCollection(name)
    return false
  } catch (e) {
    if ((e as { code?: unknown }).code === 'DATABASE_COLLECTION_ALREADY_EXIST') return true
    throw e
  }
}

describe('a collection never created', () => {
  const _ = () => h.db.command
  const calls: Record<string, (c: string) => Promise<unknown>> = {
    'where().get()': (c) => h.db.collection(c).where({ a: 1 }).get(),
    'doc().get()': (c) => h.db.collection(c).doc('x').get(),
    'count()': (c) => h.db.collection(c).count(),
    'add()': (c) => h.db.collection(c).add({ _id: 'x', a: 1 }),
    'add([...])': (c) => h.db.collection(c).add([{ a: 1 }, { a: 2 }]),
    'doc().set()': (c) => h.db.collection(c).doc('x').set({ a: 1 }),
    'doc().update()': (c) => h.db.collection(c).doc('x').update({ a: _().inc(1) }),
    'where().update()': (c) => h.db.collection(c).where({ a: 1 }).update({ b: 2 }),
    'doc().remove()': (c) => h.db.collection(c).doc('x').remove(),
    'where().remove()': (c) => h.db.collection(c).where({ a: 1 }).remove(),
    'where().updateAndReturn()': (c) => h.db.collection(c).where({ a: 1 }).updateAndReturn({ b: 2 }),
    'aggregate()': (c) => h.db.collection(c).aggregate().match({ a: 1 }).end(),
  }

  test.each(Object.keys(calls).map((call, i) => [call, i] as const))('%s answers TCB’s error and creates nothing', async (call, i) => {
    const name = `missing_${i}`
    expect(await errorOf(calls[call](name))).toEqual(NOT_EXIST)
    expect(await existed(name)).toBe(false)
  })

  test('a transaction touching it fails, and its other writes are not committed', async () => {
    const outcome = await errorOf(
      (h.db as unknown as { runTransaction(fn: (tx: TxLike) => Promise<void>, times?: number): Promise<void> }).runTransaction(async (tx) => {
        await tx.collection('present').doc('t1').set({ v: 1 })
        await tx.collection('missing_tx').doc('x').set({ v: 1 })
      }, 1),
    )
    expect(outcome).toEqual(NOT_EXIST)
    expect((await h.db.collection('present').doc('t1').get()).data).toEqual([])
    expect(await existed('missing_tx')).toBe(false)
  })

  test('a read inside a transaction fails the same way', async () => {
    const tx = await h.db.startTransaction()
    expect(await errorOf(tx.collection('missing_txread').doc('x').get())).toEqual(NOT_EXIST)
    await tx.rollback()
  })
})

test('createCollection makes it usable (empty), and a second create answers DATABASE_COLLECTION_ALREADY_EXIST', async () => {
  expect(await errorOf(h.db.collection('later').count())).toEqual(NOT_EXIST)
  await h.db.createCollection('later')
  expect((await h.db.collection('later').count()).total).toBe(0)
  await h.db.collection('later').add({ _id: 'a', v: 1 })
  expect((await h.db.collection('later').doc('a').get()).data).toEqual([{ _id: 'a', v: 1 }])
  const again = await errorOf(h.db.createCollection('later'))
  expect(again.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  expect((await h.db.collection('later').count()).total).toBe(1) // creating again empties nothing
})
