import { startHarness, type Harness } from './helpers'

let h: Harness
beforeAll(async () => {
  h = await startHarness('races', { collections: ['deals'] })
})
afterAll(() => h.stop())

test('200 concurrent conditional decrements on stock 50: exactly 50 succeed, stock ends at 0', async () => {
  const _ = h.db.command
  await h.db.collection('deals').add({ _id: 'deal-1', stock: 50 })
  h.server.resetStats()
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      h.db.collection('deals').where({ _id: 'deal-1', stock: _.gt(0) }).update({ stock: _.inc(-1) }),
    ),
  )
  expect(results.filter((r) => r.updated === 1)).toHaveLength(50)
  expect(results.filter((r) => r.updated === 0)).toHaveLength(150)
  expect((await h.db.collection('deals').doc('deal-1').get()).data[0].stock).toBe(0)
  expect(h.server.stats().byAction['database.modifyDocument']).toBe(200)
})

test('concurrent gte(n) reservations never oversell', async () => {
  const _ = h.db.command
  await h.db.collection('deals').add({ _id: 'deal-2', stock: 10 })
  const wants = Array.from({ length: 60 }, (_x, i) => 1 + (i % 3))
  const results = await Promise.all(
    wants.map((n) => h.db.collection('deals').where({ _id: 'deal-2', stock: _.gte(n) }).update({ stock: _.inc(-n), sold: _.inc(n) })),
  )
  const sold = wants.reduce((sum, n, i) => sum + (results[i].updated === 1 ? n : 0), 0)
  const doc = (await h.db.collection('deals').doc('deal-2').get()).data[0]
  expect(doc.stock).toBeGreaterThanOrEqual(0)
  expect(doc.stock + sold).toBe(10)
  expect(doc.sold).toBe(sold)
})
