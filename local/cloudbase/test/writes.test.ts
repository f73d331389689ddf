import { codeOf, startHarness, type Harness } from './helpers'

let h: Harness
beforeAll(async () => {
  h = await startHarness('writes', { collections: ['big', 'dup', 'multi', 'orders', 'rm', 'sd', 'shops', 'uar', 'w'] })
})
afterAll(() => h.stop())

const one = async (coll: string, id: string) => (await h.db.collection(coll).doc(id).get()).data[0]

test('add one generates a TCB-like 32-hex _id; add many returns ids in order', async () => {
  const r = await h.db.collection('w').add({ x: 1 })
  expect(r.id).toMatch(/^[0-9a-f]{32}$/)
  expect(await one('w', r.id as string)).toEqual({ _id: r.id, x: 1 })
  const many = await h.db.collection('w').add([{ _id: 'm1', x: 1 }, { x: 2 }])
  expect(many.ids?.[0]).toBe('m1')
  expect(many.ids?.[1]).toMatch(/^[0-9a-f]{32}$/)
})

test('numbers keep their value: ints, doubles, large, negative', async () => {
  await h.db.collection('w').add({ _id: 'nums', i: 7, d: 1.25, big: 2 ** 40, neg: -3, zero: 0 })
  expect(await one('w', 'nums')).toEqual({ _id: 'nums', i: 7, d: 1.25, big: 2 ** 40, neg: -3, zero: 0 })
})

test('doc update merges nested objects as dotted $set', async () => {
  await h.db.collection('w').add({ _id: 'n', profile: { name: 'a', age: 1 }, keep: true })
  const r = await h.db.collection('w').doc('n').update({ profile: { age: 2 }, extra: { deep: { x: 1 } } })
  expect(r.updated).toBe(1)
  expect(await one('w', 'n')).toEqual({ _id: 'n', profile: { name: 'a', age: 2 }, keep: true, extra: { deep: { x: 1 } } })
})

test('update operators: inc, mul, push, addToSet, pull, remove(), set, min/max', async () => {
  const _ = h.db.command
  await h.db.collection('w').add({ _id: 'ops', n: 1, m: 3, list: [1], set: ['a'], gone: 'x', obj: { a: 1 }, lo: 5, hi: 5 })
  await h.db.collection('w').doc('ops').update({
    n: _.inc(2),
    m: _.mul(2),
    list: _.push([2, 3]),
    set: _.addToSet('a'),
    gone: _.remove(),
    obj: _.set({ b: 2 }),
    lo: _.min(1),
    hi: _.max(9),
  })
  expect(await one('w', 'ops')).toEqual({ _id: 'ops', n: 3, m: 6, list: [1, 2, 3], set: ['a'], obj: { b: 2 }, lo: 1, hi: 9 })
  await h.db.collection('w').doc('ops').update({ set: _.addToSet('b'), list: _.pull(2) })
  const after = await one('w', 'ops')
  expect(after.set).toEqual(['a', 'b'])
  expect(after.list).toEqual([1, 3])
})

test('array operators: unshift, pop, shift, push with position', async () => {
  const _ = h.db.command
  await h.db.collection('w').add({ _id: 'arr', a: [1, 2, 3], b: [1, 2, 3], c: [1, 2, 3], d: [1, 4] })
  await h.db.collection('w').doc('arr').update({
    a: _.unshift([0]),
    b: _.pop(),
    c: _.shift(),
    d: _.push({ each: [2, 3], position: 1 }),
  })
  expect(await one('w', 'arr')).toEqual({ _id: 'arr', a: [0, 1, 2, 3], b: [1, 2], c: [2, 3], d: [1, 2, 3, 4] })
})

test('updated counts documents actually changed', async () => {
  await h.db.collection('w').add({ _id: 'same', v: 1 })
  expect((await h.db.collection('w').doc('same').update({ v: 1 })).updated).toBe(0)
  expect((await h.db.collection('w').doc('same').update({ v: 2 })).updated).toBe(1)
  expect((await h.db.collection('w').doc('missing').update({ v: 2 })).updated).toBe(0)
})

test('where().update updates every match; conditions are part of the match', async () => {
  const _ = h.db.command
  await h.db.collection('multi').add([{ _id: '1', g: 'x', v: 1 }, { _id: '2', g: 'x', v: 5 }, { _id: '3', g: 'y', v: 1 }])
  const r = await h.db.collection('multi').where({ g: 'x', v: _.lt(3) }).update({ v: _.inc(10) })
  expect(r.updated).toBe(1)
  const all = await h.db.collection('multi').where({ g: 'x' }).update({ touched: true })
  expect(all.updated).toBe(2)
  expect((await h.db.collection('multi').where({ touched: true }).count()).total).toBe(2)
})

test('set replaces the whole document, or creates it (upsert)', async () => {
  await h.db.collection('w').add({ _id: 's', a: 1, b: 2 })
  const r = await h.db.collection('w').doc('s').set({ c: 3 })
  expect(r.updated).toBe(1)
  expect(r.upsertedId).toBeUndefined()
  expect(await one('w', 's')).toEqual({ _id: 's', c: 3 })
  const created = await h.db.collection('w').doc('s-new').set({ d: 4 })
  expect(created.updated).toBe(0)
  expect(created.upsertedId).toBe('s-new')
  expect(await one('w', 's-new')).toEqual({ _id: 's-new', d: 4 })
})

test('remove a doc and remove where', async () => {
  const _ = h.db.command
  await h.db.collection('rm').add([{ _id: 'r1', k: 1 }, { _id: 'r2', k: 2 }, { _id: 'r3', k: 3 }])
  expect((await h.db.collection('rm').doc('r1').remove()).deleted).toBe(1)
  expect((await h.db.collection('rm').doc('r1').remove()).deleted).toBe(0)
  expect((await h.db.collection('rm').where({ k: _.gte(2) }).remove()).deleted).toBe(2)
  expect((await h.db.collection('rm').count()).total).toBe(0)
})

test('updateAndReturn returns the updated document', async () => {
  const _ = h.db.command
  await h.db.collection('uar').add([{ _id: 'u1', stock: 2, at: new Date(0) }])
  const r = await h.db.collection('uar').where({ _id: 'u1', stock: _.gt(0) }).updateAndReturn({ stock: _.inc(-1) })
  expect(r.updated).toBe(1)
  expect(r.doc).toEqual({ _id: 'u1', stock: 1, at: new Date(0) })
  const none = await h.db.collection('uar').where({ _id: 'u1', stock: _.gt(5) }).updateAndReturn({ stock: _.inc(-1) })
  expect(none.updated).toBe(0)
  expect(none.doc).toBeNull()
})

test('serverDate becomes the server clock (plus offset) in add, update and queries', async () => {
  const _ = h.db.command
  const before = Date.now()
  await h.db.collection('sd').add({ _id: 'sd', createdAt: h.db.serverDate(), list: [{ at: h.db.serverDate({ offset: 60_000 }) }] })
  await h.db.collection('sd').doc('sd').update({ updatedAt: h.db.serverDate({ offset: -1000 }) })
  const after = Date.now()
  const doc = await one('sd', 'sd')
  const created = doc.createdAt as Date
  expect(created).toBeInstanceOf(Date)
  expect(created.getTime()).toBeGreaterThanOrEqual(before)
  expect(created.getTime()).toBeLessThanOrEqual(after)
  expect(((doc.list as Array<{ at: Date }>)[0].at.getTime() - created.getTime())).toBeGreaterThanOrEqual(59_000)
  expect((doc.updatedAt as Date).getTime()).toBeLessThan(after)
  expect((await h.db.collection('sd').where({ createdAt: _.lte(h.db.serverDate()) }).count()).total).toBe(1)
})

test('duplicate _id on add fails with DATABASE_DUPLICATE_WRITE and writes nothing', async () => {
  await h.db.collection('dup').add({ _id: 'x', v: 1 })
  expect(await codeOf(h.db.collection('dup').add({ _id: 'x', v: 2 }))).toBe('DATABASE_DUPLICATE_WRITE')
  expect(await codeOf(h.db.collection('dup').add([{ _id: 'y' }, { _id: 'x' }]))).toBe('DATABASE_DUPLICATE_WRITE')
  expect(await codeOf(h.db.collection('dup').add([{ _id: 'z' }, { _id: 'z' }]))).toBe('DATABASE_DUPLICATE_WRITE')
  expect((await h.db.collection('dup').count()).total).toBe(1)
  expect(await one('dup', 'x')).toEqual({ _id: 'x', v: 1 })
})

test('documents over 512 KB are refused', async () => {
  const big = 'x'.repeat(520 * 1024)
  expect(await codeOf(h.db.collection('big').add({ _id: 'big', big }))).toBe('DATABASE_DOCUMENT_TOO_LARGE')
  await h.db.collection('big').add({ _id: 'ok', s: 'x'.repeat(400 * 1024) })
  expect(await codeOf(h.db.collection('big').doc('ok').update({ more: 'y'.repeat(200 * 1024) }))).toBe('DATABASE_DOCUMENT_TOO_LARGE')
  expect(Object.keys(await one('big', 'ok'))).toEqual(['_id', 's'])
  expect((await h.db.collection('big').count()).total).toBe(1)
})

test('createCollection, and again fails', async () => {
  await h.db.createCollection('fresh')
  expect(await codeOf(h.db.createCollection('fresh'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  expect((await h.db.collection('fresh').count()).total).toBe(0)
})

describe('aggregate', () => {
  beforeAll(async () => {
    await h.db.collection('orders').add([
      { _id: 'o1', shop: 's1', amount: 10, at: new Date('2024-01-01T00:00:00Z') },
      { _id: 'o2', shop: 's1', amount: 5, at: new Date('2024-01-02T00:00:00Z') },
      { _id: 'o3', shop: 's2', amount: 7, at: new Date('2024-01-03T00:00:00Z') },
    ])
    await h.db.collection('shops').add([{ _id: 's1', name: 'One' }, { _id: 's2', name: 'Two' }])
  })

  test('match, group, sort, project', async () => {
    const _ = h.db.command
    const $ = h.db.command.aggregate
    const r = await h.db
      .collection('orders')
      .aggregate()
      .match({ amount: _.gt(4) })
      .group({ _id: '$shop', total: $.sum('$amount'), n: $.sum(1), last: $.max('$at') })
      .sort({ total: -1 })
      .project({ _id: 0, shop: '$_id', total: 1, n: 1, last: 1 })
      .end()
    expect(r.data).toEqual([
      { shop: 's1', total: 15, n: 2, last: new Date('2024-01-02T00:00:00Z') },
      { shop: 's2', total: 7, n: 1, last: new Date('2024-01-03T00:00:00Z') },
    ])
  })

  test('lookup joins another collection; skip/limit stages', async () => {
    const r = await h.db
      .collection('orders')
      .aggregate()
      .sort({ _id: 1 })
      .skip(1)
      .limit(1)
      .lookup({ from: 'shops', localField: 'shop', foreignField: '_id', as: 'shopDoc' })
      .end()
    expect(r.data).toEqual([{ _id: 'o2', shop: 's1', amount: 5, at: new Date('2024-01-02T00:00:00Z'), shopDoc: [{ _id: 's1', name: 'One' }] }])
  })

  test('uncorrelated lookup (pipeline, no let): the same array for every input, sorted and limited, with a correlated lookup inside', async () => {
    const $ = h.db.command.aggregate
    const r = await h.db
      .collection('shops')
      .aggregate()
      .match({ _id: 's1' })
      .lookup({ from: 'orders', as: 'newest', pipeline: $.pipeline().match({ shop: 's1' }).sort({ at: -1 }).limit(1).project({ amount: 1 }).done() })
      .lookup({ from: 'orders', as: 'joined', pipeline: $.pipeline().match({ amount: 7 }).lookup({ from: 'shops', localField: 'shop', foreignField: '_id', as: 'shopDoc' }).done() })
      .lookup({ from: 'orders', as: 'none', pipeline: $.pipeline().match({ shop: 'nowhere' }).done() })
      .end()
    expect(r.data).toEqual([
      {
        _id: 's1',
        name: 'One',
        newest: [{ _id: 'o2', amount: 5 }],
        joined: [{ _id: 'o3', shop: 's2', amount: 7, at: new Date('2024-01-03T00:00:00Z'), shopDoc: [{ _id: 's2', name: 'Two' }] }],
        none: [],
      },
    ])
  })

  test('addFields leaves stored documents alone', async () => {
    await h.db.collection('orders').aggregate().addFields({ doubled: 1 }).end()
    expect(await one('orders', 'o1')).toEqual({ _id: 'o1', shop: 's1', amount: 10, at: new Date('2024-01-01T00:00:00Z') })
  })
})
