import { Lazy } from 'mingo/lazy'
import { Query } from 'mingo/query'
import type { PipelineOp, QueryOp } from './types'
import { resolve, setValue } from 'mingo/util'
import { Codes, DbError } from '../errors'
import { isPlainObject, type Doc } from '../values'

/**
 * Geo queries on a sphere, as MongoDB's 2dsphere does them for the SDK's commands: `_.geoNear` arrives as
 * `$nearSphere: { $geometry, $maxDistance, $minDistance }` (metres), `_.geoWithin` as `$geoWithin: { $geometry }`
 * or `{ $centerSphere: [[lng, lat], radians] }`, `_.geoIntersects` as `$geoIntersects: { $geometry }`. Stored
 * values are GeoJSON (`db.Geo.Point` is `{ type: 'Point', coordinates: [lng, lat] }`) or legacy [lng, lat] pairs.
 * Distances are great-circle distances; polygon edges are taken as straight lines in longitude/latitude, which
 * matches MongoDB's geodesic edges closely for areas the size of a city.
 */

/** The radius MongoDB uses to turn radians into metres. */
export const EARTH_RADIUS_M = 6378100

type Pos = [number, number]
interface Geometry {
  type: string
  coordinates: unknown
}

const fail = (msg: string) => new DbError(Codes.REQUEST_FAILED, msg)

function isPos(v: unknown): v is Pos {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number'
}

/** A stored value as a geometry: GeoJSON, or a legacy coordinate pair (as a point). */
export function geometryOf(v: unknown): Geometry | undefined {
  if (isPos(v)) return { type: 'Point', coordinates: [v[0], v[1]] }
  if (isPlainObject(v) && typeof v.type === 'string' && Array.isArray(v.coordinates)) return v as unknown as Geometry
  return undefined
}

function queryGeometry(v: unknown, op: string): Geometry {
  const g = geometryOf(v)
  if (!g) throw fail(`${op}: $geometry must be a GeoJSON object`)
  return g
}

const rad = (d: number) => (d * Math.PI) / 180

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Pos, b: Pos): number {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Every vertex of a geometry. */
function vertices(g: Geometry): Pos[] {
  const out: Pos[] = []
  const walk = (c: unknown) => {
    if (isPos(c)) out.push([c[0], c[1]])
    else if (Array.isArray(c)) c.forEach(walk)
  }
  walk(g.coordinates)
  return out
}

/** Polygons of a geometry as lists of rings (first ring the outline, then holes). */
function polygons(g: Geometry): Pos[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Pos[][]]
  if (g.type === 'MultiPolygon') return g.coordinates as Pos[][][]
  return []
}

/** Segments of a geometry's lines and polygon rings. */
function segments(g: Geometry): [Pos, Pos][] {
  const lines: Pos[][] =
    g.type === 'LineString' ? [g.coordinates as Pos[]]
    : g.type === 'MultiLineString' || g.type === 'Polygon' ? (g.coordinates as Pos[][])
    : g.type === 'MultiPolygon' ? (g.coordinates as Pos[][][]).flat()
    : []
  const out: [Pos, Pos][] = []
  for (const l of lines) for (let i = 1; i < l.length; i++) out.push([l[i - 1], l[i]])
  return out
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function onSegment(p: Pos, [a, b]: [Pos, Pos]): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
  if (Math.abs(cross) > 1e-12) return false
  return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1])
}

/** Inside or on the boundary of one of the polygons. */
function inArea(p: Pos, area: Pos[][][]): boolean {
  return area.some((rings) => {
    if (rings.some((r) => segmentsOfRing(r).some((s) => onSegment(p, s)))) return true
    return inRing(p, rings[0]) && !rings.slice(1).some((hole) => inRing(p, hole))
  })
}

function segmentsOfRing(r: Pos[]): [Pos, Pos][] {
  const out: [Pos, Pos][] = []
  for (let i = 1; i < r.length; i++) out.push([r[i - 1], r[i]])
  return out
}

function segmentsCross([a, b]: [Pos, Pos], [c, d]: [Pos, Pos]): boolean {
  const o = (p: Pos, q: Pos, r: Pos) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
  const [o1, o2, o3, o4] = [o(a, b, c), o(a, b, d), o(c, d, a), o(c, d, b)]
  if (o1 !== o2 && o3 !== o4) return true
  return onSegment(c, [a, b]) || onSegment(d, [a, b]) || onSegment(a, [c, d]) || onSegment(b, [c, d])
}

function samePos(a: Pos, b: Pos): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

function intersects(a: Geometry, b: Geometry): boolean {
  const va = vertices(a)
  const vb = vertices(b)
  const pa = polygons(a)
  const pb = polygons(b)
  if (va.some((p) => inArea(p, pb)) || vb.some((p) => inArea(p, pa))) return true
  const sa = segments(a)
  const sb = segments(b)
  if (sa.some((s) => sb.some((t) => segmentsCross(s, t)))) return true
  const pointsA = a.type === 'Point' || a.type === 'MultiPoint' ? va : []
  const pointsB = b.type === 'Point' || b.type === 'MultiPoint' ? vb : []
  if (pointsA.some((p) => sb.some((s) => onSegment(p, s))) || pointsB.some((p) => sa.some((s) => onSegment(p, s)))) return true
  return pointsA.some((p) => pointsB.some((q) => samePos(p, q)))
}

/** Values at `selector` as geometries (an array field may hold several). */
function geometriesAt(obj: Doc, selector: string): Geometry[] {
  const v = resolve(obj, selector)
  const g = geometryOf(v)
  if (g) return [g]
  if (Array.isArray(v)) return v.map(geometryOf).filter((x): x is Geometry => !!x)
  return []
}

/** The centre and bounds of a `$nearSphere`/`$near` operand; distances in metres (radians for a legacy pair). */
export interface NearSpec {
  center: Pos
  /** Divides metres into the query's unit: 1 for GeoJSON, the earth's radius for legacy pairs (radians). */
  unit: number
  min: number
  max: number
}

export function nearSpec(v: unknown, op = '$nearSphere'): NearSpec {
  if (isPos(v)) return { center: [v[0], v[1]], unit: EARTH_RADIUS_M, min: 0, max: Infinity }
  if (!isPlainObject(v)) throw fail(`${op} takes a point`)
  if ('$geometry' in v) {
    const g = queryGeometry(v.$geometry, op)
    if (g.type !== 'Point' || !isPos(g.coordinates)) throw fail(`${op}: $geometry must be a Point`)
    return { center: [g.coordinates[0], g.coordinates[1]], unit: 1, min: bound(v.$minDistance, 0, op), max: bound(v.$maxDistance, Infinity, op) }
  }
  const g = geometryOf(v)
  if (g?.type === 'Point' && isPos(g.coordinates)) return { center: [g.coordinates[0], g.coordinates[1]], unit: 1, min: 0, max: Infinity }
  throw fail(`${op} takes { $geometry: <Point>, $maxDistance?, $minDistance? }`)
}

function bound(v: unknown, fallback: number, op: string): number {
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || v < 0 || Number.isNaN(v)) throw fail(`${op}: distances must be non-negative numbers`)
  return v
}

/** Distance from the spec's centre to the nearest point of the stored value, in the spec's unit. */
export function distanceTo(spec: NearSpec, stored: Geometry[]): number | undefined {
  let best: number | undefined
  for (const g of stored) {
    for (const p of vertices(g)) {
      const d = distanceM(spec.center, p) / spec.unit
      if (best === undefined || d < best) best = d
    }
  }
  return best
}

const nearOp: QueryOp = (selector, value) => {
  const spec = nearSpec(value)
  return (obj) => {
    const d = distanceTo(spec, geometriesAt(obj, selector))
    return d !== undefined && d >= spec.min && d <= spec.max
  }
}

export const $geoWithin: QueryOp = (selector, value) => {
  if (!isPlainObject(value)) throw fail('$geoWithin takes { $geometry } or { $centerSphere }')
  let inside: (p: Pos) => boolean
  if ('$centerSphere' in value) {
    const cs = value.$centerSphere
    if (!Array.isArray(cs) || cs.length !== 2 || !isPos(cs[0]) || typeof cs[1] !== 'number' || cs[1] < 0) {
      throw fail('$centerSphere takes [[longitude, latitude], radius in radians]')
    }
    const center: Pos = [cs[0][0], cs[0][1]]
    const limit = cs[1] * EARTH_RADIUS_M
    inside = (p) => distanceM(center, p) <= limit
  } else if ('$geometry' in value) {
    const area = polygons(queryGeometry(value.$geometry, '$geoWithin'))
    if (area.length === 0) throw fail('$geoWithin: $geometry must be a Polygon or MultiPolygon')
    inside = (p) => inArea(p, area)
  } else {
    throw fail('$geoWithin takes { $geometry } or { $centerSphere } (legacy $box/$polygon/$center are not supported locally)')
  }
  return (obj) => {
    const gs = geometriesAt(obj, selector)
    return gs.length > 0 && gs.every((g) => vertices(g).every(inside))
  }
}

export const $geoIntersects: QueryOp = (selector, value) => {
  if (!isPlainObject(value) || !('$geometry' in value)) throw fail('$geoIntersects takes { $geometry }')
  const q = queryGeometry(value.$geometry, '$geoIntersects')
  return (obj) => geometriesAt(obj, selector).some((g) => intersects(g, q))
}

export const GEO_QUERY_OPS = { $nearSphere: nearOp, $near: nearOp, $geoWithin, $geoIntersects }

/** A top-level `$nearSphere`/`$near` in a query: its results come nearest first, as in MongoDB. */
export function nearOrder(criteria: Doc): ((docs: Doc[]) => Doc[]) | undefined {
  for (const [field, cond] of Object.entries(criteria)) {
    if (!isPlainObject(cond)) continue
    const op = '$nearSphere' in cond ? '$nearSphere' : '$near' in cond ? '$near' : undefined
    if (!op) continue
    const spec = nearSpec(cond[op], op)
    return (docs) =>
      docs
        .map((doc, i) => ({ doc, i, d: distanceTo(spec, geometriesAt(doc, field)) ?? Infinity }))
        .sort((a, b) => a.d - b.d || a.i - b.i)
        .map((x) => x.doc)
  }
  return undefined
}

/**
 * The `$geoNear` stage (the SDK's `aggregate().geoNear({ near, distanceField, ... })`): documents near `near`,
 * nearest first, with the distance (metres for a GeoJSON point) in `distanceField`. `key` names the location
 * field; the server fills it in from the collection's 2dsphere index or data when it is left out.
 */
export const $geoNear: PipelineOp = (collection, expr, options) => {
  if (!isPlainObject(expr)) throw fail('$geoNear takes an object')
  if (typeof expr.distanceField !== 'string' || !expr.distanceField) throw fail("$geoNear requires 'distanceField'")
  if (expr.key !== undefined && (typeof expr.key !== 'string' || !expr.key)) throw fail("$geoNear: 'key' must be a field path")
  const near = nearSpec(isPlainObject(expr.near) && !('$geometry' in expr.near) ? { $geometry: expr.near } : expr.near, '$geoNear near')
  near.min = bound(expr.minDistance, 0, '$geoNear')
  near.max = bound(expr.maxDistance, Infinity, '$geoNear')
  const multiplier = expr.distanceMultiplier === undefined ? 1 : expr.distanceMultiplier
  if (typeof multiplier !== 'number') throw fail('$geoNear: distanceMultiplier must be a number')
  const filter = isPlainObject(expr.query) ? new Query(expr.query as object, options) : undefined
  const key = expr.key as string | undefined
  const run = (): object[] =>
    key === undefined
      ? []
      : collection
      .collect<Doc>()
      .filter((doc) => !filter || filter.test(doc))
      .map((doc, i) => ({ doc, i, d: distanceTo(near, geometriesAt(doc, key)) }))
      .filter((x): x is { doc: Doc; i: number; d: number } => x.d !== undefined && x.d >= near.min && x.d <= near.max)
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .map(({ doc, d }) => {
        const out = { ...doc }
        setValue(out, expr.distanceField as string, d * multiplier)
        if (typeof expr.includeLocs === 'string') setValue(out, expr.includeLocs, resolve(doc, key))
        return out
      })
  let results: object[] | undefined
  let i = 0
  return Lazy(() => {
    results ??= run()
    return i < results.length ? { value: results[i++], done: false } : { done: true }
  })
}

/** Top-level fields holding GeoJSON points in `docs`: where `$geoNear` looks when no key or index names one. */
export function pointFields(docs: Iterable<Doc>): string[] {
  const found = new Set<string>()
  for (const d of docs) {
    for (const [k, v] of Object.entries(d)) {
      if (isPlainObject(v) && v.type === 'Point' && isPos(v.coordinates)) found.add(k)
    }
  }
  return [...found]
}
