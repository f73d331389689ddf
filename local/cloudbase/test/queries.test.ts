import { post, startHarness, type Harness } from './helpers'

let h: Harness
beforeAll(async () => {
  h = await startHarness('queries', { collections: ['items', 'many'] })
  await h.db.collection('items').add([
    { _id: 'a', name: 'apple', price: 5, qty: 10, tags: ['fruit', 'red'], shop: { city: 'sh', rank: 2 }, at: new Date('2024-01-01T00:00:00Z') },
    { _id: 'b', name: 'banana', price: 3, qty: 0, tags: ['fruit'], shop: { city: 'bj', rank: 1 }, at: new Date('2024-02-01T00:00:00Z') },
    { _id: 'c', name: 'cherry', price: 5, qty: 3, tags: ['fruit', 'red'], shop: { city: 'sh', rank: 1 } },
    { _id: 'd', name: 'Durian', price: 9, qty: 1, note: null, shop: { city: 'gz', rank: 3 } },
  ])
})
afterAll(() => h.stop())

const ids = (r: { data: Array<Record<string, unknown>> }) => r.data.map((d) => d._id)

test('where with command operators', async () => {
  const _ = h.db.command
  const items = h.db.collection('items')
  expect(ids(await items.where({ price: _.gt(4) }).get())).toEqual(['a', 'c', 'd'])
  expect(ids(await items.where({ price: _.gte(5).and(_.lt(9)) }).get())).toEqual(['a', 'c'])
  expect(ids(await items.where({ _id: _.in(['b', 'd', 'zz']) }).get())).toEqual(['b', 'd'])
  expect(ids(await items.where({ _id: _.nin(['a']), qty: _.neq(0) }).get())).toEqual(['c', 'd'])
  expect(ids(await items.where(_.or([{ price: 3 }, { qty: 1 }])).get())).toEqual(['b', 'd'])
  expect(ids(await items.where(_.and([{ price: 5 }, { qty: _.lt(5) }])).get())).toEqual(['c'])
  expect(ids(await items.where({ note: _.exists(true) }).get())).toEqual(['d'])
  expect(ids(await items.where({ at: _.exists(false) }).get())).toEqual(['c', 'd'])
  expect(ids(await items.where({ tags: 'red' }).get())).toEqual(['a', 'c'])
  expect(ids(await items.where({ tags: _.all(['fruit', 'red']) }).get())).toEqual(['a', 'c'])
  expect(ids(await items.where({ tags: _.size(1) }).get())).toEqual(['b'])
  expect(ids(await items.where({ tags: _.elemMatch(_.eq('red')) }).get())).toEqual(['a', 'c'])
  expect(ids(await items.where({ price: (_.mod as (d: number, r: number) => unknown)(2, 1) }).get())).toEqual(['a', 'b', 'c', 'd'])
  expect(ids(await items.where({ price: _.not(_.gt(4)) }).get())).toEqual(['b'])
})

test('nested fields, as objects and as dotted paths', async () => {
  const items = h.db.collection('items')
  expect(ids(await items.where({ shop: { city: 'sh' } }).get())).toEqual(['a', 'c'])
  expect(ids(await items.where({ 'shop.rank': 1 }).get())).toEqual(['b', 'c'])
})

test('regular expressions: db.RegExp and JS literals', async () => {
  const items = h.db.collection('items')
  expect(ids(await items.where({ name: h.db.RegExp({ regexp: '^d', options: 'i' }) }).get())).toEqual(['d'])
  expect(ids(await items.where({ name: /nan/ }).get())).toEqual(['b'])
})

test('dates round-trip as Date and compare as dates', async () => {
  const _ = h.db.command
  const r = await h.db.collection('items').doc('a').get()
  expect(r.data[0].at).toBeInstanceOf(Date)
  expect((r.data[0].at as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z')
  const later = await h.db.collection('items').where({ at: _.gt(new Date('2024-01-15T00:00:00Z')) }).get()
  expect(ids(later)).toEqual(['b'])
})

test('orderBy several keys, skip and limit', async () => {
  const items = h.db.collection('items')
  const sorted = await items.orderBy('price', 'desc').orderBy('name', 'asc').get()
  expect(ids(sorted)).toEqual(['d', 'a', 'c', 'b'])
  const page = await items.orderBy('price', 'asc').orderBy('_id', 'asc').skip(1).limit(2).get()
  expect(ids(page)).toEqual(['a', 'c'])
  const byNested = await items.orderBy('shop.rank', 'asc').orderBy('_id', 'desc').get()
  expect(ids(byNested)).toEqual(['c', 'b', 'a', 'd'])
})

test('field projection, including and excluding', async () => {
  const items = h.db.collection('items')
  const inc = await items.where({ _id: 'a' }).field({ name: true, 'shop.city': true }).get()
  expect(inc.data).toEqual([{ _id: 'a', name: 'apple', shop: { city: 'sh' } }])
  const exc = await items.doc('b').field({ tags: false, shop: false, at: false }).get()
  expect(exc.data).toEqual([{ _id: 'b', name: 'banana', price: 3, qty: 0 }])
  // Projection must not have touched the stored document.
  expect((await items.doc('a').get()).data[0].tags).toEqual(['fruit', 'red'])
})

test('count, with and without where', async () => {
  const _ = h.db.command
  expect((await h.db.collection('items').count()).total).toBe(4)
  expect((await h.db.collection('items').where({ qty: _.gt(0) }).count()).total).toBe(3)
})

test('doc().get of a missing document is an empty list', async () => {
  expect((await h.db.collection('items').doc('nope').get()).data).toEqual([])
})

describe('limit', () => {
  beforeAll(async () => {
    const many = Array.from({ length: 1100 }, (_, i) => ({ _id: `n${String(i).padStart(4, '0')}`, i }))
    await h.db.collection('many').add(many)
  })

  test('defaults to 100', async () => {
    expect((await h.db.collection('many').get()).data).toHaveLength(100)
  })

  test('is capped at 1000 by the SDK and by the server', async () => {
    expect((await h.db.collection('many').limit(5000).get()).data).toHaveLength(1000)
    const raw = await post(h.server.url, { action: 'database.getDocument', collectionName: 'many', queryType: 'WHERE', limit: 5000 })
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000)
    const noLimit = await post(h.server.url, { action: 'database.getDocument', collectionName: 'many', queryType: 'WHERE' })
    expect((noLimit.data as { list: unknown[] }).list).toHaveLength(100)
  })

  test('skip past the first thousand', async () => {
    const r = await h.db.collection('many').orderBy('i', 'asc').skip(1050).limit(100).get()
    expect(r.data).toHaveLength(50)
    expect(r.data[0].i).toBe(1050)
  })
})

test('an aggregate that starts as a get could (match, sort, limit, project) gives what the whole pipeline gives, and changes nothing stored', async () => {
  const items = h.db.collection('items')
  const $ = h.db.command.aggregate
  const r = await items
    .aggregate()
    .match({ price: 5 })
    .sort({ qty: 1 })
    .limit(1)
    .project({ name: 1, 'shop.city': 1 })
    .lookup({ from: 'items', as: 'twin', pipeline: $.pipeline().match({ _id: 'a' }).project({ _id: 1 }).done() })
    .addFields({ extra: 1 })
    .end()
  expect(r.data).toEqual([{ _id: 'c', name: 'cherry', shop: { city: 'sh' }, twin: [{ _id: 'a' }], extra: 1 }])
  // No projection: the stages after the match work on copies, never on the stored document.
  const plain = await items.aggregate().match({ _id: 'b' }).addFields({ 'shop.city': 'xx', qty: 7 }).end()
  expect(plain.data).toMatchObject([{ _id: 'b', qty: 7, shop: { city: 'xx', rank: 1 } }])
  expect((await items.doc('b').get()).data[0]).toMatchObject({ qty: 0, shop: { city: 'bj', rank: 1 } })
  // A match then a skip past everything, and a match alone.
  expect((await items.aggregate().match({ price: 5 }).skip(5).end()).data).toEqual([])
  expect((await items.aggregate().match({ _id: 'd' }).end()).data).toEqual([{ _id: 'd', name: 'Durian', price: 9, qty: 1, note: null, shop: { city: 'gz', rank: 3 } }])
})

test('a $lookup of _id by a field holding an id, after a leading find, gives what MongoDB gives', async () => {
  const items = h.db.collection('items')
  const r = await items.aggregate().match({ _id: h.db.command.in(['a', 'd']) }).project({ name: 1, tags: 1 }).lookup({ from: 'items', localField: '_id', foreignField: '_id', as: 'self' }).end()
  expect(r.data).toEqual([
    { _id: 'a', name: 'apple', tags: ['fruit', 'red'], self: [expect.objectContaining({ _id: 'a', price: 5, shop: { city: 'sh', rank: 2 } })] },
    { _id: 'd', name: 'Durian', self: [expect.objectContaining({ _id: 'd', price: 9 })] },
  ])
  const missing = await items.aggregate().match({ _id: 'b' }).project({ name: 1 }).lookup({ from: 'items', localField: 'nope', foreignField: '_id', as: 'none' }).end()
  expect(missing.data).toEqual([{ _id: 'b', name: 'banana', none: [] }])
})
