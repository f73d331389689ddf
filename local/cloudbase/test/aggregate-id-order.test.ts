import { startHarness, type Harness } from './helpers'

let h: Harness
beforeAll(async () => {
  h = await startHarness('aggregate-id-order', { collections: ['items'] })
  await h.db.collection('items').add([
    { _id: 'a', name: 'apple', price: 5 },
    { _id: 'b', name: 'banana', price: 3 },
    { _id: 'c', name: 'cherry', price: 5 },
    { _id: 'd', name: 'durian', price: 9 },
  ])
})
afterAll(() => h.stop())

const ids = (r: { data: Array<Record<string, unknown>> }) => r.data.map((d) => d._id)

/**
 * A pipeline's $match passes documents on in the collection's order, whatever order an _id list names them in (the
 * leading-find path answers it through the _id lookups, which go in the list's order): the same as the whole pipeline
 * gives when a later stage keeps it from that path.
 */
test('an aggregate matching a list of _ids keeps the collection order, with or without the stages after it', async () => {
  const _ = h.db.command
  const items = h.db.collection('items')
  const listed = { _id: _.in(['d', 'a', 'c']) }
  const whole = ids(await items.aggregate().match(listed).addFields({ n: { $literal: 1 }, m: 2 }).end())
  expect(whole).toEqual(['a', 'c', 'd'])
  expect(ids(await items.aggregate().match(listed).end())).toEqual(whole)
  expect(ids(await items.aggregate().match(listed).project({ name: 1 }).end())).toEqual(whole)
  expect(ids(await items.aggregate().match(listed).skip(1).limit(1).end())).toEqual(['c'])
  expect(ids(await items.aggregate().match(listed).sort({ name: -1 }).end())).toEqual(['d', 'c', 'a'])
})
