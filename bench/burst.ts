import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { getDb } from '../server/platform/cloudbase'
import { summarizeTrips, tapDatabase } from './db-tap'
import { countingFunctionErrors, freshStack, int, invoke, median, ms, percentile, settle, verdict, type Reply, type Row } from './support'

const STOCK = 100
const GOAL = 1 / 3
/** The bursts measured: the goal's 1,000 buyers, and 5,000 (a deal shared into thousands of groups), once each rep. */
const SIZES = [
  { buyers: 1000, reps: 3 },
  { buyers: 5000, reps: 1 },
] as const
/** Stock split over this many documents, to see whether one document is what tops out (raw updates only). */
const SPREAD = 10

type Doc = Record<string, unknown>

/** A copy of the seeded tea deal (so the copy has whatever fields the current code expects) with its own stock. */
async function newDeal(template: Doc, id: string, stock: number): Promise<string> {
  const { _id: _omit, ...rest } = template
  await getDb().collection('deals').add({ ...rest, _id: id, stock, sold: 0, perUserLimit: 1, createdAt: new Date(), updatedAt: new Date() })
  return id
}

/**
 * The database's own rate for the conditional update at the heart of checkout, N at once through the SDK; with
 * several deals, update i goes to deal i mod k (the same stock split over k documents).
 */
async function rawUpdates(dealIds: string[], n: number): Promise<{ perSec: number; wallMs: number; failed: number }> {
  const db = getDb()
  const _ = db.command
  const t0 = performance.now()
  const res = await Promise.allSettled(Array.from({ length: n }, (_x, i) => db.collection('deals').where({ _id: dealIds[i % dealIds.length], stock: _.gte(1) }).update({ stock: _.inc(-1) })))
  const wallMs = performance.now() - t0
  return { perSec: (n / wallMs) * 1000, wallMs, failed: res.filter((r) => r.status === 'rejected').length }
}

/**
 * The buyers' calls reach the gateway over at most 100 kept-alive connections, as the functions reach the database
 * (the SDK's pool) and as WeChat's servers, not the buyers' phones, hold the connections to a function: a connection
 * per buyer made the local gateway accept thousands of TCP connections in the thread it measures (at 5,000 buyers
 * many waited past the connect timeout and were sent again), work no function does on TCB.
 */
const buyersPool = new http.Agent({ keepAlive: true, maxSockets: 100 })

function call(apiUrl: string, fn: string, action: string, input: unknown, openid: string): Promise<Reply> {
  const t0 = performance.now()
  const body = JSON.stringify({ action, input })
  return new Promise((resolve) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-tuanka-openid': openid }
    const req = http.request(`${apiUrl}/fn/${fn}`, { method: 'POST', agent: buyersPool, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, body: { ok: false, code: 'NETWORK', message: e.message } }))
      res.on('end', () => {
        let parsed: unknown = null
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          parsed = { ok: false, code: `HTTP ${res.statusCode}` }
        }
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: parsed })
      })
    })
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, body: { ok: false, code: 'NETWORK', message: e.message } }))
    req.end(body)
  })
}

/** support.ts invokeRetrying over the buyers' pool: a call that got no answer is sent again (same key), up to 3 times. */
async function buyerCall(apiUrl: string, input: unknown, openid: string): Promise<Reply & { retries: number }> {
  const t0 = performance.now()
  let r = await call(apiUrl, 'orders', 'place', input, openid)
  let n = 0
  while (r.status === 0 && n < 3) {
    n++
    r = await call(apiUrl, 'orders', 'place', input, openid)
  }
  return { ...r, ms: performance.now() - t0, retries: n }
}

/**
 * The gateway hop alone: N calls at once, the same way the burst sends them, each answered by the function's contract
 * check without a database trip (qty 0 is refused as INVALID_INPUT). What a checkout costs before its first trip.
 */
async function gatewayOnly(apiUrl: string, dealId: string, n: number): Promise<number> {
  const t0 = performance.now()
  await Promise.all(Array.from({ length: n }, (_, i) => buyerCall(apiUrl, { dealId, qty: 0, idempotencyKey: randomBytes(8).toString('hex') }, `o_bench_hop_${i}`)))
  return (n / (performance.now() - t0)) * 1000
}

interface BurstRun {
  perSec: number
  wallMs: number
  latencies: number[]
  placed: number
  refusals: Map<string, number>
  oversold: number
  trips: number
  /** Checkouts sent again after getting no answer (same key), and failures the functions logged (answered INTERNAL). */
  retries: number
  fnErrors: number
  firstError: string
}

/**
 * Every buyer presses 立即抢购 at the same instant (distinct openids, qty 1) through the gateway (over the buyers'
 * pool); a buyer who gets no answer at all tries again with the same key, as the app does.
 */
async function burst(apiUrl: string, dealId: string, buyers: number, tag: string, stats: () => number): Promise<BurstRun> {
  const db = getDb()
  const tripsBefore = stats()
  const { result: replies, errors, first } = await countingFunctionErrors(async () => {
    const r = await Promise.all(
      Array.from({ length: buyers }, (_, i) => buyerCall(apiUrl, { dealId, qty: 1, idempotencyKey: randomBytes(8).toString('hex') }, `o_bench_${tag}_${i}`)),
    )
    await settle(stats) // calls whose client gave up may still be running
    return r
  })
  // All start together: the slowest reply is the time from the first send to the last answer.
  const wallMs = Math.max(...replies.map((r) => r.ms))
  const trips = stats() - tripsBefore
  const refusals = new Map<string, number>()
  for (const r of replies) {
    const code = r.body?.ok ? null : r.body?.code ?? `HTTP ${r.status}`
    if (code) refusals.set(code, (refusals.get(code) ?? 0) + 1)
  }
  const placed = replies.filter((r) => r.body?.ok).length
  const deal = (await db.collection('deals').doc(dealId).get()).data[0] as { stock: number; sold: number }
  const orders = (await db.collection('orders').where({ dealId }).count()).total as number
  // Oversold: more units out than there were, seen on the counter, the sold figure or the orders themselves.
  const oversold = Math.max(0, -deal.stock, deal.sold - STOCK, orders - STOCK, placed - STOCK)
  return {
    perSec: (buyers / wallMs) * 1000,
    wallMs,
    latencies: replies.map((r) => r.ms),
    placed,
    refusals,
    oversold,
    trips,
    retries: replies.reduce((a, r) => a + r.retries, 0),
    fnErrors: errors,
    firstError: first,
  }
}

/** The trips of one winning and one refused checkout, alone (a deal with one unit, two buyers in turn), named by the tap. */
async function probeTrips(apiUrl: string, dbUrl: string, dealId: string): Promise<{ won: string[]; refused: string[]; refusal: string }> {
  const tap = await tapDatabase(dbUrl)
  try {
    const place = (who: string) => invoke(apiUrl, 'orders', 'place', { dealId, qty: 1, idempotencyKey: randomBytes(8).toString('hex') }, who)
    tap.reset()
    await place('o_bench_probe_1')
    const won = tap.trips()
    tap.reset()
    const r = await place('o_bench_probe_2')
    return { won, refused: tap.trips(), refusal: r.body?.code ?? '?' }
  } finally {
    await tap.close()
  }
}

interface SizeResult {
  buyers: number
  reps: number
  /** Raw conditional updates per second on one document, and on the same stock split over SPREAD documents. */
  raw: number[]
  spread: number[]
  /** Gateway calls answered without a database trip, per second (gatewayOnly). */
  hop: number[]
  rawFailed: number
  runs: BurstRun[]
}

export async function measureBurst(): Promise<{ sizes: SizeResult[]; probe: Awaited<ReturnType<typeof probeTrips>> }> {
  const env = await freshStack({ label: 'burst', seed: true, seedHistory: false })
  try {
    const db = getDb()
    const template = (await db.collection('deals').doc('deal_tea_for_two').get()).data[0] as Doc
    // Warm-up (JIT, connection pools), not counted.
    await rawUpdates([await newDeal(template, 'deal_bench_warm_raw', 50)], 100)
    const warm = await newDeal(template, 'deal_bench_warm', 20)
    await Promise.all(Array.from({ length: 50 }, (_, i) => invoke(env.stack.apiUrl, 'orders', 'place', { dealId: warm, qty: 1, idempotencyKey: randomBytes(8).toString('hex') }, `o_bench_warm_${i}`)))
    const probe = await probeTrips(env.stack.apiUrl, env.stack.dbUrl, await newDeal(template, 'deal_bench_probe', 1))
    const sizes: SizeResult[] = []
    for (const { buyers, reps } of SIZES) {
      const r: SizeResult = { buyers, reps, raw: [], spread: [], hop: [], rawFailed: 0, runs: [] }
      for (let rep = 0; rep < reps; rep++) {
        const tag = `${buyers}_${rep}`
        const one = await rawUpdates([await newDeal(template, `deal_bench_raw_${tag}`, STOCK)], buyers)
        const split = await Promise.all(Array.from({ length: SPREAD }, (_, k) => newDeal(template, `deal_bench_spread_${tag}_${k}`, STOCK / SPREAD)))
        const spread = await rawUpdates(split, buyers)
        r.hop.push(await gatewayOnly(env.stack.apiUrl, warm, buyers))
        r.raw.push(one.perSec)
        r.spread.push(spread.perSec)
        r.rawFailed += one.failed + spread.failed
        r.runs.push(await burst(env.stack.apiUrl, await newDeal(template, `deal_bench_burst_${tag}`, STOCK), buyers, `b${tag}`, () => env.stack.db.stats().requests))
      }
      sizes.push(r)
    }
    return { sizes, probe }
  } finally {
    buyersPool.destroy()
    await env.stop()
  }
}

function sizeRows(s: SizeResult, probe: Awaited<ReturnType<typeof probeTrips>>): Row[] {
  const { buyers, reps, runs } = s
  const rate = median(runs.map((r) => r.perSec))
  const rawRate = median(s.raw)
  const spreadRate = median(s.spread)
  const lat = runs.flatMap((r) => r.latencies)
  const oversold = Math.max(...runs.map((r) => r.oversold))
  const placed = runs.map((r) => r.placed)
  const refusals = new Map<string, number>()
  for (const r of runs) for (const [k, n] of r.refusals) refusals.set(k, (refusals.get(k) ?? 0) + n)
  const tripsPer = median(runs.map((r) => r.trips / buyers))
  const ratio = rate / rawRate
  // A checkout is one gateway call plus its trips; each trip costs at least a raw update (the same SDK, HTTP and server).
  const hopCost = rawRate / median(s.hop)
  const floor = 1 / (hopCost + tripsPer)
  const retries = runs.reduce((a, r) => a + r.retries, 0)
  const fnErrors = runs.reduce((a, r) => a + r.fnErrors, 0)
  const troubles = [retries ? `${retries} resent after no answer` : '', fnErrors ? `${fnErrors} function errors` : ''].filter(Boolean).join(', ')
  const of = reps > 1 ? `median of ${reps}` : 'one run'
  return [
    {
      measure: `Burst: ${buyers.toLocaleString('en-US')} buyers at once on stock ${STOCK} (${of})`,
      result: `${int(rate)} checkouts/s, p50 ${ms(percentile(lat, 50))}, p99 ${ms(percentile(lat, 99))}; placed ${placed.join('/')}, oversold ${oversold}${troubles ? `; ${troubles}` : ''}`,
      ratio: `${ratio.toFixed(2)}× raw DB conditional updates (${int(rawRate)}/s${s.rawFailed ? `, ${s.rawFailed} failed` : ''})`,
      goal: '≥ 0.33×, 0 oversold',
      verdict: verdict(ratio >= GOAL && oversold === 0),
      limit:
        `${tripsPer.toFixed(1)} database trips per checkout against 1 per raw update, which alone caps the ratio at ` +
        `${(1 / tripsPer).toFixed(2)}×; and each checkout is also a gateway call: ${buyers.toLocaleString('en-US')} calls at once answered without any ` +
        `trip run at ${int(median(s.hop))}/s, ${hopCost.toFixed(2)} raw updates' worth each, so trips and hop together cap it at ${floor.toFixed(2)}× ` +
        `before the function and the database do any work of their own (here the database, gateway and functions share one Node thread). A winning checkout alone: ${probe.won.length} trips (${summarizeTrips(probe.won)}); a refused one (${probe.refusal}): ` +
        `${probe.refused.length} (${summarizeTrips(probe.refused)}). Burst answers other than an order: ${[...refusals].map(([k, n]) => `${k} ${n}`).join(', ')}` +
        (fnErrors ? `; first function error: ${runs.find((r) => r.firstError)?.firstError}` : ''),
    },
    {
      measure: `One stock document under ${buyers.toLocaleString('en-US')} conditional updates at once (${of})`,
      result: `${int(rawRate)} updates/s on 1 document, ${int(spreadRate)}/s on the same stock in ${SPREAD}`,
      ratio: `1 document = ${(rawRate / spreadRate).toFixed(2)}× ${SPREAD} documents`,
      goal: 'info: is one document the ceiling?',
      verdict: 'info',
    },
  ]
}

export async function burstRows(): Promise<Row[]> {
  const { sizes, probe } = await measureBurst()
  return sizes.flatMap((s) => sizeRows(s, probe))
}
