import { statSync } from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { JOURNAL_FILE } from '../src/persistence'
import { codeOf, post, startHarness, type Harness } from './helpers'

let h: Harness
const COLLS = ['goods', 'other']

beforeAll(async () => {
  h = await startHarness('bad', { collections: COLLS })
  await h.db.collection('goods').add([
    { _id: 'g1', name: 'one', stock: 5, tags: ['a'], when: new Date(1000) },
    { _id: 'g2', name: 'two', stock: 'many', tags: 'not-an-array' },
    { _id: 'g3', name: 'three', stock: 1, nested: { leaf: 1 } },
  ])
  await h.db.collection('other').add({ _id: 'o1', v: 1 })
})
afterAll(() => h.stop())

/** Everything observable: every document of every collection, plus the journal's size. */
async function snapshot(): Promise<string> {
  const parts: string[] = []
  for (const c of COLLS) parts.push(EJSON.stringify((await h.db.collection(c).limit(1000).get()).data))
  parts.push(String(statSync(path.join(h.dataDir, JOURNAL_FILE)).size))
  return parts.join('\n')
}

const ej = (v: unknown) => EJSON.stringify(v, { relaxed: false })
const raw = (body: object) => post(h.server.url, { envName: 'local', ...body })

let before: string
beforeEach(async () => {
  before = await snapshot()
})
afterEach(async () => {
  expect(await snapshot()).toBe(before)
  expect((await h.db.collection('goods').doc('g1').get()).data[0].name).toBe('one') // still serving
})

test('malformed JSON body, non-object body', async () => {
  expect((await post(h.server.url, '{"action": "database.getDocument", ')).code).toBe('INVALID_PARAM')
  expect((await post(h.server.url, '[1,2]')).code).toBe('INVALID_PARAM')
  const r = await post(h.server.url, 'not json')
  expect(r).toEqual({ code: 'INVALID_PARAM', message: expect.any(String), requestId: expect.any(String) })
})

test('unknown or missing action', async () => {
  expect((await raw({ action: 'database.dropEverything', collectionName: 'goods' })).code).toBe('INVALID_ACTION')
  expect((await raw({ collectionName: 'goods' })).code).toBe('INVALID_ACTION')
  expect((await raw({ action: 'toString' })).code).toBe('INVALID_ACTION')
})

test('bad parameters', async () => {
  expect((await raw({ action: 'database.getDocument' })).code).toBe('INVALID_PARAM')
  expect((await raw({ action: 'database.getDocument', collectionName: 'goods', query: '{not ejson' })).code).toBe('INVALID_PARAM')
  expect((await raw({ action: 'database.getDocument', collectionName: 'goods', limit: -1 })).code).toBe('INVALID_PARAM')
  expect((await raw({ action: 'database.getDocument', collectionName: 'goods', order: ej({ stock: 2 }) })).code).toBe('INVALID_PARAM')
  expect((await raw({ action: 'database.insertDocument', collectionName: 'goods', data: [] })).code).toBe('INVALID_PARAM')
  // As TCB: a '$' field name is the database's refusal; '.' in a field name is stored (test/tcb-parity.test.ts).
  expect((await raw({ action: 'database.insertDocument', collectionName: 'goods', data: [ej({ $bad: 1 })] })).code).toBe('DATABASE_REQUEST_FAILED')
  expect((await raw({ action: 'database.insertDocument', collectionName: 'goods', data: [ej({ _id: { x: 1 } })] })).code).toBe('INVALID_PARAM')
  expect((await raw({ action: 'database.removeDocument', collectionName: 'goods', queryType: 'WHERE', multi: true })).code).toBe('INVALID_PARAM')
  expect((await raw({ action: 'database.modifyDocument', collectionName: 'goods', query: ej({ _id: 'g1' }), data: ej({ $set: { a: 1 } }), merge: false })).code).toBe('INVALID_PARAM')
})

test('unknown query operator', async () => {
  expect((await raw({ action: 'database.getDocument', collectionName: 'goods', query: ej({ stock: { $foo: 1 } }) })).code).toBe('DATABASE_REQUEST_FAILED')
  const upd = await raw({ action: 'database.modifyDocument', collectionName: 'goods', query: ej({ stock: { $foo: 1 } }), data: ej({ $set: { x: 1 } }), multi: true, merge: true })
  expect(upd.code).toBe('DATABASE_REQUEST_FAILED')
})

test('invalid updates through the SDK surface as errors with the code', async () => {
  const _ = h.db.command
  const goods = h.db.collection('goods')
  let err: unknown
  try {
    await goods.doc('g1').update({ name: _.inc(1) })
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(Error)
  expect(err).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', requestId: expect.any(String) })
  expect(await codeOf(goods.doc('g2').update({ tags: _.push(['x']) }))).toBe('DATABASE_REQUEST_FAILED')
  expect(await codeOf(goods.doc('g1').update({ 'name.first': 'x' }))).toBe('DATABASE_REQUEST_FAILED')
  expect(await codeOf(goods.doc('g1').update({ stock: _.inc('1' as unknown as number) }))).toBe('DATABASE_REQUEST_FAILED')
})

test('invalid raw updates: unknown operator, conflicting paths, changing _id', async () => {
  const upd = (data: object) =>
    raw({ action: 'database.modifyDocument', collectionName: 'goods', query: ej({ _id: 'g1' }), queryType: 'DOC', data: ej(data), multi: false, merge: true })
  expect((await upd({ $frobnicate: { a: 1 } })).code).toBe('DATABASE_REQUEST_FAILED')
  expect((await upd({ $set: { stock: 1 }, $inc: { stock: 1 } })).code).toBe('DATABASE_REQUEST_FAILED')
  expect((await upd({ $set: { _id: 'other' } })).code).toBe('DATABASE_REQUEST_FAILED')
  expect((await upd({ $set: 'oops' })).code).toBe('DATABASE_REQUEST_FAILED')
})

test('a multi update that fails on one document changes none of them', async () => {
  const _ = h.db.command
  // g1 and g3 have numeric stock, g2 a string: the whole update must be refused.
  expect(await codeOf(h.db.collection('goods').where({ name: _.exists(true) }).update({ stock: _.inc(1) }))).toBe('DATABASE_REQUEST_FAILED')
})

test('unknown transaction and refused aggregation stages', async () => {
  expect((await raw({ action: 'database.commitTransaction', transactionId: 'tx_nope' })).code).toBe('DATABASE_TRANSACTION_FAIL')
  expect((await raw({ action: 'database.getDocument', collectionName: 'goods', transactionId: 'tx_nope' })).code).toBe('DATABASE_TRANSACTION_FAIL')
  const agg = (stages: object[]) => raw({ action: 'database.aggregateDocuments', collectionName: 'goods', stages })
  expect((await agg([{ stageKey: '$out', stageValue: '"copy"' }])).code).toBe('INVALID_PARAM')
  expect((await agg([{ stageKey: '$nonsense', stageValue: '{}' }])).code).toBe('DATABASE_REQUEST_FAILED')
  expect((await agg([{ stageKey: '$match', stageValue: '{bad' }])).code).toBe('INVALID_PARAM')
  expect((await agg('x' as unknown as object[])).code).toBe('INVALID_PARAM')
})

test('non-POST requests get a status reply and are not counted as round trips', async () => {
  const n = h.server.stats().requests
  const res = await fetch(h.server.url)
  expect(await res.json()).toMatchObject({ ok: true })
  expect(h.server.stats().requests).toBe(n)
})
