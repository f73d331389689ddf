import { openidOf } from '../local/seed/personas'
import { getDb } from '../server/platform/cloudbase'
import { tapDatabase } from './db-tap'
import { DAY, freshStack, int, median, ms, ok, pool, times, verdict, type Row } from './support'

const GOAL = 1.5
const BASE = 1000
const BATCH = 1000

/** `BENCH_SCALE=small` compares 1,000 with 10,000 orders; the default is 100,000 (`BENCH_PROMOTER_ORDERS=n` sets it). */
export function promoterScale(): number {
  const asked = Number(process.env.BENCH_PROMOTER_ORDERS)
  if (Number.isInteger(asked) && asked > BASE) return asked
  return process.env.BENCH_SCALE === 'small' ? 10_000 : 100_000
}

type Share = { shareCode: string; dealId: string; title: string }

/**
 * One synthetic sale through a share: the order, its commission line and the visit that led to it, shaped as the
 * functions write them. A mix of states: 60% redeemed (line settled), 30% paid (pending), 10% refunded (reversed).
 */
function sale(i: number, promoter: string, s: Share, now: number) {
  const at = new Date(now - (i % 90) * DAY - (i % 997) * 1000)
  const buyer = `o_bench_pc_${i}`
  const orderId = `o_bench_pc_${i}`
  const code = `BENCH${String(i).padStart(11, '0')}`
  const kind = i % 10 < 6 ? 'completed' : i % 10 < 9 ? 'paid' : 'refunded'
  const lineStatus = kind === 'completed' ? 'settled' : kind === 'paid' ? 'pending' : 'reversed'
  const order = {
    _id: orderId, buyer, idempotencyKey: `bench${i}`, dealId: s.dealId, shopId: 'shop_shiguang', dealTitle: s.title, cover: '/files/demo/coffee-1.svg',
    shopName: '拾光咖啡（万象城店）', qty: 1, unitPriceFen: 6800, amountFen: 6800, refundedFen: kind === 'refunded' ? 6800 : 0, status: kind, phone: null,
    shareCode: s.shareCode, promoter: { promoter, shareCode: s.shareCode, rule: 'share_code' }, commissionBps: 800, grouped: false, groupId: null,
    nickname: null, validStart: at, validEnd: new Date(+at + 45 * DAY), createdAt: at, payBefore: new Date(+at + 900_000), paidAt: at,
    transactionId: `4200BENCH${i}`, codes: [code], closedAt: null, updatedAt: at,
  }
  const line = {
    _id: `L${code}`, orderId, code, promoter, shareCode: s.shareCode, dealId: s.dealId, dealTitle: s.title, shopId: 'shop_shiguang',
    amountFen: 544, reversedFen: kind === 'refunded' ? 544 : 0, status: lineStatus, availableAt: lineStatus === 'settled' ? at : null,
    history: [{ status: 'pending', at }, ...(lineStatus === 'pending' ? [] : [{ status: lineStatus, at }])], createdAt: at,
  }
  const visit = { shareCode: s.shareCode, promoter, dealId: s.dealId, viewer: buyer, groupId: i % 3 === 0 ? 'g_bench_neighbours' : null, at }
  return { order, line, visit }
}

/**
 * Adds sales [from, to) straight through the SDK, `add([...])` in batches of 1000 per collection. Written past the
 * functions, they move none of the counters the events keep (balances, funnels): the centre then shows zeros for
 * them, but what it costs to read does not depend on those numbers.
 */
async function addSales(from: number, to: number, promoter: string, shares: Share[], log: (l: string) => void): Promise<void> {
  const db = getDb()
  const now = Date.now()
  const batches: [number, number][] = []
  for (let a = from; a < to; a += BATCH) batches.push([a, Math.min(to, a + BATCH)])
  let done = 0
  const t0 = Date.now()
  await pool(batches, 2, async ([a, b]) => {
    const sales = Array.from({ length: b - a }, (_, k) => sale(a + k, promoter, shares[(a + k) % shares.length], now))
    await db.collection('orders').add(sales.map((x) => x.order))
    await db.collection('commission_lines').add(sales.map((x) => x.line))
    await db.collection('share_visits').add(sales.map((x) => x.visit))
    done += b - a
    if (done % 20_000 === 0) log(`  ${int(done)} / ${int(to)} sales inserted (${((Date.now() - t0) / 1000).toFixed(0)} s)`)
  })
}

async function timeCentre(apiUrl: string, promoter: string, runs: number): Promise<number> {
  for (let i = 0; i < 2; i++) await ok(apiUrl, 'promoters', 'center', {}, promoter) // warm-up
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await ok(apiUrl, 'promoters', 'center', {}, promoter)
    samples.push(performance.now() - t0)
  }
  return median(samples)
}

/**
 * What each trip of one centre call costs on its own: one extra call (not in the median) through the tap, which
 * forwards the call's parallel trips one at a time. Trips of the same kind are summed, e.g. `get deals` ×4.
 */
async function tripCosts(dbUrl: string, apiUrl: string, promoter: string): Promise<Map<string, number>> {
  const tap = await tapDatabase(dbUrl, { serialize: true })
  try {
    await ok(apiUrl, 'promoters', 'center', {}, promoter)
    const out = new Map<string, number>()
    for (const t of tap.timed()) out.set(t.trip, (out.get(t.trip) ?? 0) + t.ms)
    return out
  } finally {
    await tap.close()
  }
}

export async function measurePromoterCentre(log: (l: string) => void, scale = promoterScale()) {
  const env = await freshStack({ label: 'centre', seed: true, seedHistory: false })
  try {
    const api = env.stack.apiUrl
    const promoter = openidOf('promoter')
    const shares: Share[] = []
    for (const dealId of ['deal_tea_for_two', 'deal_latte', 'deal_hotpot_4', 'deal_voucher_100']) {
      const s = await ok(api, 'promoters', 'share', { dealId }, promoter)
      const d = (await getDb().collection('deals').doc(dealId).get()).data[0] as { title: string }
      shares.push({ shareCode: s.shareCode, dealId, title: d.title })
    }
    await addSales(0, BASE, promoter, shares, log)
    const small = await timeCentre(api, promoter, 7)
    const smallTrips = await tripCosts(env.stack.dbUrl, api, promoter)
    log(`  ${int(BASE)} orders: centre ${ms(small)}; inserting up to ${int(scale)}...`)
    const t0 = Date.now()
    await addSales(BASE, scale, promoter, shares, log)
    const insertSec = (Date.now() - t0) / 1000
    const large = await timeCentre(api, promoter, 5)
    const largeTrips = await tripCosts(env.stack.dbUrl, api, promoter)
    return { scale, small, large, smallTrips, largeTrips, insertSec }
  } finally {
    await env.stop()
  }
}

export async function promoterCentreRows(log: (l: string) => void): Promise<Row[]> {
  const r = await measurePromoterCentre(log)
  const ratio = r.large / r.small
  // The trips whose own cost grew with the data, most first.
  const grown = [...r.largeTrips]
    .map(([trip, large]) => ({ trip, large, small: r.smallTrips.get(trip) ?? NaN }))
    .filter((t) => t.large > 2 * t.small && t.large > 5)
    .sort((a, b) => b.large - a.large)
  const aggregates = grown.filter((t) => t.trip.startsWith('aggregate'))
  const queries = grown.filter((t) => !t.trip.startsWith('aggregate'))
  const list = (ts: typeof grown) => ts.map((t) => `${t.trip} ${ms(t.small)} → ${ms(t.large)}`).join(', ')
  return [
    {
      measure: `Promoter centre: ${int(r.scale)} vs ${int(BASE)} orders (+ a line and a visit each)`,
      result: `${ms(r.large)} vs ${ms(r.small)}`,
      ratio: `${times(ratio)}`,
      goal: `≤ ${GOAL}×`,
      verdict: verdict(ratio <= GOAL),
      limit:
        `promoters.center makes ${[...r.largeTrips.keys()].length} kinds of trip; each one's own cost at ${int(BASE)} → ${int(r.scale)}: ` +
        (aggregates.length ? `aggregations over the promoter's whole history, which grow in production too: ${list(aggregates)}. ` : '') +
        (queries.length
          ? `Queries (filter, sort, limit) that grow here only because the local database scans without indexes (on TCB an index on ` +
            `the filtered and sorted fields keeps them flat): ${list(queries)}. `
          : '') +
        (grown.length ? '' : 'no single trip grew; the time is spread over the call. ') +
        `Bulk insert of the ${int(r.scale - BASE)} extra sales took ${Math.round(r.insertSec)} s.`,
    },
  ]
}
