import { Query } from '../src/ops/context'
import { shapeDocs } from '../src/query'

/** shapeDocs answers plain inclusion projections itself: the same documents, fields in the same order, as mingo's cursor. */
test('an inclusion projection answered without mingo matches what mingo gives, key order included', () => {
  const docs: Record<string, unknown>[] = [
    { _id: 'd', a: 1, h: { x: { q: 1 }, y: 2 }, arr: [{ b: 1 }], s: 5, n: null, dt: new Date(5) },
    { _id: 'e', h: 5 },
    { _id: 'f' },
    { _id: 'g', h: {} },
    { _id: 'k', h: { x: null } },
    { a: 2 },
    { _id: 0, h: { x: { q: [1, 2] } } },
    { _id: 'q', a: { b: 1 }, a_c: 2, aa: 3, A: 4, x: 1, y: 2, z: 3 },
    { _id: 'z', title: 't', shopId: 's', status: 'published', holds: { o1: { qty: 1 }, o2: { qty: 2 } }, images: ['a', 'b'], priceFen: 100 },
  ]
  const specs: Record<string, unknown>[] = [
    { a: 1, 'h.x': 1 }, { 'h.x': 1, _id: 0 }, { 'h.z': 1 }, { a: 1, _id: 1 }, { _id: 1, a: 1 }, { 'h.x.q': 1 }, { n: 1, dt: true },
    { status: 1, images: 1, 'holds.o1': 1, priceFen: 1 }, { 'holds.o9': 1, status: 1 }, { s: 1, _id: false }, { 'h.y': 1, 'h.x': 1, a: 1 },
    { 'a.b': 1, a_c: 1, aa: 1, A: 1 }, { z: 1, y: 1, x: 1, _id: 1 }, { 'holds.o2': 1, 'holds.o1': 1, title: 1, shopId: 1 }, { 'arr.b': 1 },
  ]
  for (const projection of specs) {
    for (const d of docs) {
      expect(JSON.stringify(shapeDocs([d], { projection }))).toBe(JSON.stringify(new Query({}).find([d], projection).all()))
    }
  }
})
