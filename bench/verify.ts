import { randomBytes } from 'node:crypto'
import { memberId } from '../cloudfunctions/shops/collections'
import { openidOf } from '../local/seed/personas'
import { getDb } from '../server/platform/cloudbase'
import { countingFunctionErrors, freshStack, invokeRetrying, ms, ok, pay, percentile, pool, settle, times, verdict, type Row } from './support'

const STAFF = 50
const ROUNDS = 4
const PER_ORDER = 20 // the most one order can hold (orders.place qty ≤ 20)
const SHOP = 'shop_shiguang'
const GOAL = 3

/**
 * 核销 at a busy counter: 50 staff of one shop each confirm a different code at the same instant, 4 rounds.
 * Codes come from paid orders of 20 units, so a round's confirmations land on the same few orders.
 */
export async function measureVerify(): Promise<{ latencies: number[]; failures: Map<string, number>; trips: number; retries: number; fnErrors: number }> {
  const env = await freshStack({ label: 'verify', seed: true, seedHistory: false })
  try {
    const api = env.stack.apiUrl
    const db = getDb()
    const staff = Array.from({ length: STAFF }, (_, i) => `o_bench_staff_${i}`)
    const now = new Date()
    await db.collection('shop_members').add(staff.map((openid, i) => ({ _id: memberId(SHOP, openid), shopId: SHOP, openid, role: 'staff', name: `店员${i}`, createdAt: now })))
    // A copy of the seeded tea deal with room for every unit bought here.
    const template = (await db.collection('deals').doc('deal_tea_for_two').get()).data[0] as Record<string, unknown>
    const { _id: _omit, ...rest } = template
    await db.collection('deals').add({ ...rest, _id: 'deal_bench_verify', stock: 10_000, sold: 0, perUserLimit: 99 })
    const orders = Math.ceil((STAFF * ROUNDS + 1) / PER_ORDER)
    const codes = (
      await pool(Array.from({ length: orders }, (_, i) => i), 4, async (i) => {
        const buyer = `o_bench_vbuyer_${i}`
        const order = await ok(api, 'orders', 'place', { dealId: 'deal_bench_verify', qty: PER_ORDER, idempotencyKey: randomBytes(8).toString('hex') }, buyer)
        await pay(api, buyer, order.id)
        const paid = await ok(api, 'orders', 'get', { id: order.id }, buyer)
        return (paid.codes as { code: string }[]).map((c) => c.code)
      })
    ).flat()
    // Warm-up, not counted.
    await ok(api, 'redemption', 'confirm', { codes: [codes.pop()!], idempotencyKey: randomBytes(8).toString('hex') }, openidOf('staff'))
    const latencies: number[] = []
    const failures = new Map<string, number>()
    const before = env.stack.db.stats().requests
    let retries = 0
    const { errors } = await countingFunctionErrors(async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const mine = codes.splice(0, STAFF)
        // A confirmation that got no answer is sent again with its key, as the counter app does.
        const replies = await Promise.all(staff.map((s, i) => invokeRetrying(api, 'redemption', 'confirm', { codes: [mine[i]], idempotencyKey: randomBytes(8).toString('hex') }, s)))
        await settle(() => env.stack.db.stats().requests, 300)
        for (const r of replies) record(r)
      }
    })
    function record(r: Awaited<ReturnType<typeof invokeRetrying>>) {
      retries += r.retries
      latencies.push(r.ms)
      const outcome = r.body?.ok ? r.body.data.results[0] : r.body
      const why = outcome?.ok ? null : (outcome?.error ?? outcome?.code ?? `HTTP ${r.status}`)
      if (why) failures.set(why, (failures.get(why) ?? 0) + 1)
    }
    return { latencies, failures, trips: (env.stack.db.stats().requests - before) / (STAFF * ROUNDS), retries, fnErrors: errors }
  } finally {
    await env.stop()
  }
}

export async function verifyRows(): Promise<Row[]> {
  const { latencies, failures, trips, retries, fnErrors } = await measureVerify()
  const p50 = percentile(latencies, 50)
  const p99 = percentile(latencies, 99)
  const failed = [...failures].map(([k, n]) => `${k} ${n}`).join(', ')
  return [
    {
      measure: `Verify: ${STAFF} staff confirm at once (${ROUNDS} rounds)`,
      result: `p50 ${ms(p50)}, p99 ${ms(p99)}${failed ? `; not redeemed: ${failed}` : ''}${retries ? `; ${retries} resent after no answer` : ''}${fnErrors ? `; ${fnErrors} function errors` : ''}`,
      ratio: `p99 = ${times(p99 / p50)} p50`,
      goal: `p99 ≤ ${GOAL}× p50`,
      verdict: verdict(p99 <= GOAL * p50 && failures.size === 0),
      limit:
        `${trips.toFixed(1)} database trips per confirmation (listed under "verify one code"): 50 confirmations at once queue behind ` +
        `each other's trips on one database`,
    },
  ]
}
