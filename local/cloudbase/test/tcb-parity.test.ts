import { execFile } from 'node:child_process'
import path from 'node:path'
import { codeOf, startHarness, type Harness } from './helpers'

/**
 * Places where the local server used to disagree with TCB (MongoDB semantics), each checked through the real SDK.
 * Expected values come from MongoDB's documented rules, computed here independently where they are numbers.
 */

let h: Harness
const COLLECTIONS = ['elems', 'schema', 'dates', 'strings', 'prices', 'mixed', 'same', 'names', 'tx', 'live', 'deals', 'shops']

beforeAll(async () => {
  h = await startHarness('parity', { indexes: { shops: [{ name: 'home_2dsphere', fields: [{ field: 'home', direction: '2dsphere' }] }] } })
  // Created through the SDK so the test runs the same whether or not writes create collections implicitly.
  for (const c of COLLECTIONS) await h.db.createCollection(c).catch(() => undefined)
})
afterAll(() => h.stop())

type Row = Record<string, unknown>
type Transaction = { collection(c: string): ReturnType<Harness['db']['collection']> }
const ids = (r: { data: Row[] }) => r.data.map((d) => d._id)
const _ = () => h.db.command
const $ = () => h.db.command.aggregate

test('elemMatch with field names matches only embedded documents', async () => {
  const c = h.db.collection('elems')
  await c.add([
    { _id: 'numbers', tags: [1, 2] },
    { _id: 'strings', tags: ['a', 'b'] },
    { _id: 'doc-hit', tags: [{ value: 1 }, 7] },
    { _id: 'doc-miss', tags: [{ value: 0 }] },
  ])
  expect(ids(await c.where({ tags: _().elemMatch({ value: _().gt(0) }) }).get())).toEqual(['doc-hit'])
  expect(ids(await c.where({ tags: _().elemMatch({ value: _().exists(false) }) }).get())).toEqual([])
  // Operator-only criteria still test the elements themselves.
  expect(ids(await c.where({ tags: _().elemMatch(_().gt(1)) }).get())).toEqual(['numbers', 'doc-hit'])
})

test('jsonSchema queries (bsonType, required, ranges, enums, nested properties)', async () => {
  const c = h.db.collection('schema')
  await c.add([
    { _id: 'ok', price: 500, status: 'open', shop: { name: 'A' } },
    { _id: 'cheap', price: 50, status: 'open', shop: { name: 'B' } },
    { _id: 'no-price', status: 'open', shop: { name: 'C' } },
    { _id: 'text-price', price: '500', status: 'open', shop: { name: 'D' } },
    { _id: 'closed', price: 900, status: 'closed', shop: { name: 'E' } },
    { _id: 'bad-shop', price: 900, status: 'open', shop: { name: 7 } },
  ])
  const schema = {
    required: ['price', 'status'],
    properties: {
      price: { bsonType: 'int', minimum: 100 },
      status: { enum: ['open', 'paused'] },
      shop: { bsonType: 'object', properties: { name: { bsonType: 'string' } } },
    },
  }
  expect(ids(await c.where(_().jsonSchema(schema)).get())).toEqual(['ok'])
  expect(await c.where(_().jsonSchema({ not: schema })).count()).toEqual({ total: 5, requestId: expect.any(String) })
  expect(await codeOf(c.where(_().jsonSchema({ bsonType: 'no-such-type' })).get())).toBe('DATABASE_REQUEST_FAILED')
})

/** MongoDB's $week, from its definition: week 1 starts on the year's first Sunday, days before it are week 0. */
function mongoWeek(d: Date): number {
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1)
  const firstSunday = (7 - new Date(jan1).getUTCDay()) % 7 // day-of-year index (0-based) of the first Sunday
  const day = Math.floor((d.getTime() - jan1) / 86_400_000)
  return day < firstSunday ? 0 : Math.floor((day - firstSunday) / 7) + 1
}

test('$week counts Sunday-started weeks from 0', async () => {
  const days = ['2026-01-01', '2026-01-03', '2026-01-04', '2026-01-10', '2026-01-11', '2026-12-31', '2023-01-01', '2022-01-01', '2022-01-02', '2024-12-31']
  const docs = days.map((d, i) => ({ _id: `d${i}`, at: new Date(`${d}T12:00:00Z`) }))
  await h.db.collection('dates').add([...docs, { _id: 'no-date' }])
  const { data } = await h.db.collection('dates').aggregate().project({ w: $().week('$at') }).end()
  expect((data as Row[]).map((r) => r.w)).toEqual([...docs.map((d) => mongoWeek(d.at)), null])
  expect((data as Row[]).slice(0, 3).map((r) => r.w)).toEqual([0, 0, 1]) // Thu 1st, Sat 3rd, Sun 4th of 2026
})

test('$indexOfCP and $substr/$substrBytes with a negative length', async () => {
  await h.db.collection('strings').add({ _id: 's', text: '团卡a团卡b', word: 'hello' })
  const { data } = await h.db
    .collection('strings')
    .aggregate()
    .project({
      at: $().indexOfCP(['$text', '团卡b']),
      from: $().indexOfCP(['$text', '团卡', 1]),
      missing: $().indexOfCP(['$text', 'z']),
      tail: $().substr(['$word', 2, -1]),
      bytes: $().substrBytes(['$text', 3, -1]),
      cp: $().substrCP(['$text', 1, 2]),
    })
    .end()
  expect(data).toEqual([{ _id: 's', at: 3, from: 3, missing: -1, tail: 'llo', bytes: '卡a团卡b', cp: '卡a' }])
})

test('$bucket: lower bound inclusive, upper exclusive, empty buckets left out', async () => {
  await h.db.collection('prices').add([0, 99, 100, 150, 200, 420, -5].map((p, i) => ({ _id: `p${i}`, p })))
  const { data } = await h.db
    .collection('prices')
    .aggregate()
    .bucket({ groupBy: '$p', boundaries: [0, 100, 200, 300, 400], default: 'other', output: { n: $().sum(1), ps: $().push('$p') } })
    .end()
  expect(data).toEqual([
    { _id: 0, n: 2, ps: [0, 99] },
    { _id: 100, n: 2, ps: [100, 150] },
    { _id: 200, n: 1, ps: [200] },
    { _id: 'other', n: 2, ps: [420, -5] },
  ])
})

test('expr comparisons follow the BSON type order and do not unwrap arrays', async () => {
  const c = h.db.collection('mixed')
  await c.add([
    { _id: 'str-num', a: 'x', b: 5 },
    { _id: 'null-num', a: null, b: 0 },
    { _id: 'arr-num', a: [3], b: 3 },
    { _id: 'date-str', a: new Date('2026-01-01T00:00:00Z'), b: 'z' },
    { _id: 'num-num', a: 2, b: 10 },
  ])
  // numbers < strings < arrays < dates; null below numbers; a one-element array is not its element.
  expect(ids(await c.where(_().expr($().gt(['$a', '$b']))).get())).toEqual(['str-num', 'arr-num', 'date-str'])
  expect(ids(await c.where(_().expr($().lt(['$a', '$b']))).get())).toEqual(['null-num', 'num-num'])
  expect(ids(await c.where(_().expr($().eq(['$a', '$b']))).get())).toEqual([])
  const { data } = await c.aggregate().sort({ _id: 1 }).project({ c: $().cmp(['$a', '$b']) }).end()
  // by _id: arr-num, date-str, null-num, num-num, str-num
  expect((data as Row[]).map((r) => r.c)).toEqual([1, 1, -1, -1, 1])
})

test('updateAndReturn and set count the matched document even when nothing changes', async () => {
  const c = h.db.collection('same')
  await c.add({ _id: 'x', n: 1, s: 'a' })
  const r1 = await c.where({ _id: 'x' }).updateAndReturn({ n: 1 })
  expect(r1.updated).toBe(1)
  expect(r1.doc).toEqual({ _id: 'x', n: 1, s: 'a' })
  expect((await c.doc('x').set({ n: 1, s: 'a' })).updated).toBe(1)
  expect((await c.where({ _id: 'nope' }).updateAndReturn({ n: 2 })).updated).toBe(0)
  // doc().update / where().update still report the documents changed.
  expect((await c.doc('x').update({ n: 1 })).updated).toBe(0)
  expect((await c.doc('x').update({ n: 2 })).updated).toBe(1)
})

test("field names with '.' are stored as given; a '$' field name is a request failure", async () => {
  const c = h.db.collection('names')
  await c.add({ _id: 'dots', 'a.b': 1, nested: { 'x.y': [2] } })
  expect((await c.doc('dots').get()).data).toEqual([{ _id: 'dots', 'a.b': 1, nested: { 'x.y': [2] } }])
  expect(await codeOf(c.add({ _id: 'dollar', $bad: 1 }))).toBe('DATABASE_REQUEST_FAILED')
  expect(await codeOf(c.add({ _id: 'dollar2', ok: { $inner: 1 } }))).toBe('DATABASE_REQUEST_FAILED')
  expect((await c.where({ _id: 'dollar' }).count()).total).toBe(0)
})

test('transaction errors carry TCB message forms and keep the codes runTransaction retries on', async () => {
  const c = h.db.collection('tx')
  await c.add({ _id: 't', n: 0 })
  const first = await h.db.startTransaction()
  const second = await h.db.startTransaction()
  await first.collection('tx').doc('t').update({ n: 1 })
  const conflict = second.collection('tx').doc('t').update({ n: 2 }).catch((e: unknown) => e)
  await first.commit()
  const err = (await conflict) as { code: string; message: string }
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(err.message).toMatch(/^\[ResourceUnavailable\.TransactionConflict\] /)

  const gone = (await second.commit().catch((e: unknown) => e)) as { code: string; message: string }
  expect(gone.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect(gone.message).toMatch(/^\[ResourceUnavailable\.TransactionNotExist\] /)

  // runTransaction still retries a conflict: the loser's callback runs again and both increments land.
  const tries: string[] = []
  const gate = await h.db.startTransaction()
  await gate.collection('tx').doc('t').update({ n: _().inc(10) })
  const racing = h.db.runTransaction(async (t: Transaction) => {
    tries.push('try')
    const cur = (await t.collection('tx').doc('t').get()).data as Row
    await t.collection('tx').doc('t').update({ n: (cur.n as number) + 100 })
  }, 3)
  await new Promise((r) => setTimeout(r, 50))
  await gate.commit()
  await racing
  expect(tries.length).toBeGreaterThan(1)
  expect(((await c.doc('t').get()).data as Row[])[0].n).toBe(111)
})

test('watch() is refused with a clear error instead of failing silently', async () => {
  h.server.resetStats()
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(__dirname, 'watch-child.ts'), h.server.url, 'live'], { timeout: 30_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    )
  })
  expect(h.server.stats().byAction['auth.wsWebSign']).toBeGreaterThanOrEqual(1)
  expect((JSON.parse(out) as string[]).join('\n')).toContain('watch() (realtime push) is not supported by the local CloudBase server')
})

// --- geo ---------------------------------------------------------------------------------------------------

const HOME = { lng: 121.4737, lat: 31.2304 }
/** Great-circle distance by the spherical law of cosines (a different formula from the server's haversine). */
function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const r = (d: number) => (d * Math.PI) / 180
  const c = Math.sin(r(a.lat)) * Math.sin(r(b.lat)) + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.cos(r(b.lng - a.lng))
  return 6378100 * Math.acos(Math.min(1, c))
}
const SPOTS = {
  far: { lng: HOME.lng, lat: HOME.lat + 0.045 }, // about 5 km north
  east: { lng: HOME.lng + 0.00525, lat: HOME.lat }, // about 500 m east
  north: { lng: HOME.lng, lat: HOME.lat + 0.0135 }, // about 1.5 km north
  here: { lng: HOME.lng + 0.0001, lat: HOME.lat }, // about 10 m
}

describe('geo', () => {
  beforeAll(async () => {
    const Point = h.db.Geo.Point
    await h.db.collection('deals').add(
      Object.entries(SPOTS).map(([name, p], i) => ({ _id: name, price: (i + 1) * 100, location: new Point(p.lng, p.lat) })),
    )
    await h.db.collection('deals').add({ _id: 'nowhere', price: 1 })
  })

  test('geoNear sorts by distance and bounds it in metres; orderBy re-sorts', async () => {
    const deals = h.db.collection('deals')
    const near = (opts: { maxDistance?: number; minDistance?: number }) =>
      _().geoNear({ geometry: new h.db.Geo.Point(HOME.lng, HOME.lat), ...opts })
    const byDistance = Object.keys(SPOTS).sort((a, b) => metres(HOME, SPOTS[a as keyof typeof SPOTS]) - metres(HOME, SPOTS[b as keyof typeof SPOTS]))
    expect(byDistance).toEqual(['here', 'east', 'north', 'far'])
    expect(ids(await deals.where({ location: near({}) }).get())).toEqual(byDistance)
    expect(ids(await deals.where({ location: near({ maxDistance: 2000 }) }).get())).toEqual(['here', 'east', 'north'])
    expect(ids(await deals.where({ location: near({ minDistance: 100, maxDistance: 2000 }) }).get())).toEqual(['east', 'north'])
    expect(ids(await deals.where({ location: near({ maxDistance: 2000 }) }).orderBy('price', 'desc').get())).toEqual(['here', 'north', 'east'])
    expect(ids(await deals.where({ location: near({ maxDistance: 2000 }), price: _().gt(200) }).limit(1).get())).toEqual(['here'])
    // Stored points come back as the SDK's Geo.Point.
    const got = (await deals.doc('east').get()).data as Row[]
    expect(got[0].location).toBeInstanceOf(h.db.Geo.Point)
  })

  test('geoWithin a polygon and a centerSphere; geoIntersects a polygon', async () => {
    // Typed with Point only in @cloudbase/database's declarations; LineString and Polygon are there at run time.
    const { Point, LineString, Polygon } = h.db.Geo as unknown as Record<'Point' | 'LineString' | 'Polygon', new (...a: unknown[]) => object>
    const deals = h.db.collection('deals')
    const d = 0.02 // a square of about 4 km around HOME, holding here, east and north but not far
    const ring = [
      new Point(HOME.lng - d, HOME.lat - d),
      new Point(HOME.lng + d, HOME.lat - d),
      new Point(HOME.lng + d, HOME.lat + d),
      new Point(HOME.lng - d, HOME.lat + d),
      new Point(HOME.lng - d, HOME.lat - d),
    ]
    const square = new Polygon([new LineString(ring)])
    expect(ids(await deals.where({ location: _().geoWithin({ geometry: square }) }).get())).toEqual(['east', 'north', 'here'])
    expect(ids(await deals.where({ location: _().geoIntersects({ geometry: square }) }).get())).toEqual(['east', 'north', 'here'])
    const radians = 1000 / 6378100
    expect(ids(await deals.where({ location: _().geoWithin({ centerSphere: [new Point(HOME.lng, HOME.lat), radians] }) }).get())).toEqual(['east', 'here'])
  })

  test('aggregate geoNear: distanceField in metres, query, maxDistance, key from data or a 2dsphere index', async () => {
    const { data } = await h.db
      .collection('deals')
      .aggregate()
      .geoNear({ near: new h.db.Geo.Point(HOME.lng, HOME.lat), distanceField: 'dist', spherical: true, maxDistance: 2000, query: { price: _().lte(300) } })
      .project({ dist: 1 })
      .end()
    const rows = data as Row[]
    expect(rows.map((r) => r._id)).toEqual(['east', 'north'])
    rows.forEach((r) => expect(r.dist as number).toBeCloseTo(metres(HOME, SPOTS[r._id as keyof typeof SPOTS]), 0))

    // Two location fields: the collection's 2dsphere index names the one to use.
    const Point = h.db.Geo.Point
    await h.db.collection('shops').add([
      { _id: 'near-home', home: new Point(SPOTS.east.lng, SPOTS.east.lat), office: new Point(SPOTS.far.lng, SPOTS.far.lat) },
      { _id: 'far-home', home: new Point(SPOTS.far.lng, SPOTS.far.lat), office: new Point(SPOTS.here.lng, SPOTS.here.lat) },
    ])
    const shops = await h.db.collection('shops').aggregate().geoNear({ near: new Point(HOME.lng, HOME.lat), distanceField: 'd', spherical: true }).end()
    expect((shops.data as Row[]).map((r) => r._id)).toEqual(['near-home', 'far-home'])
    const byOffice = await h.db.collection('shops').aggregate().geoNear({ near: new Point(HOME.lng, HOME.lat), distanceField: 'd', spherical: true, key: 'office' }).end()
    expect((byOffice.data as Row[]).map((r) => r._id)).toEqual(['far-home', 'near-home'])
    expect(await codeOf(h.db.collection('deals').aggregate().match({}).geoNear({ near: new Point(HOME.lng, HOME.lat), distanceField: 'd' }).end())).toBe(
      'DATABASE_REQUEST_FAILED',
    )
  })
})
