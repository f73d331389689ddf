import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalStack } from '../local/stack'
import { openidOf } from '../local/seed/personas'
import { describeTrips, tapDatabase } from './db-tap'
import { verdict, type Row } from './support'

/**
 * Database round trips per user action, counted by the local database server (one HTTP request = one trip).
 * The same code runs in production, where each trip is a network hop from the function to the database.
 * A tap between the SDK and the server names each trip (action and collection), so a miss says where they come from.
 */
export async function measureRoundTrips(): Promise<{ action: string; trips: number; goal: number; breakdown: string }[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-bench-rt-'))
  const stack = await startLocalStack({ dataDir, seed: true, seedHistory: false, quiet: true })
  const tap = await tapDatabase(stack.dbUrl)
  try {
    const call = async (fn: string, action: string, input: unknown, who: string) => {
      const res = await fetch(`${stack.apiUrl}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tuanka-openid': who }, body: JSON.stringify({ action, input }) })
      const body = (await res.json()) as { ok: boolean; data: any; code?: string }
      if (!body.ok) throw new Error(`${fn}.${action}: ${body.code}`)
      return body.data
    }
    const trips = async (f: () => Promise<unknown>) => {
      stack.db.resetStats()
      tap.reset()
      await f()
      return { trips: stack.db.stats().requests, breakdown: describeTrips(tap.trips()) }
    }
    const buyer = 'o_bench_buyer'
    const share = await call('promoters', 'share', { dealId: 'deal_tea_for_two' }, openidOf('promoter'))
    await call('promoters', 'visit', { shareCode: share.shareCode }, buyer)
    let order: any
    const place = await trips(async () => {
      order = await call('orders', 'place', { dealId: 'deal_tea_for_two', qty: 2, idempotencyKey: randomBytes(8).toString('hex') }, buyer)
    })
    const prepay = await call('payments', 'prepay', { orderId: order.id }, buyer)
    const notify = await trips(() => fetch(`${stack.apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: prepay.package }) }))
    const paid = await call('orders', 'get', { id: order.id }, buyer)
    const verify = await trips(() => call('redemption', 'confirm', { codes: [paid.codes[0].code], idempotencyKey: randomBytes(8).toString('hex') }, openidOf('staff')))
    const refund = await trips(() => call('orders', 'refund', { orderId: order.id, codes: [paid.codes[1].code] }, buyer))
    const centre = await trips(() => call('promoters', 'center', {}, openidOf('promoter')))
    return [
      { action: 'place order', ...place, goal: 3 },
      { action: 'payment notify', ...notify, goal: 5 },
      { action: 'verify one code', ...verify, goal: 2 },
      { action: 'refund one code', ...refund, goal: 4 },
      { action: 'open promoter centre', ...centre, goal: 2 },
    ]
  } finally {
    await tap.close()
    await stack.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** For an action still above its goal: which guarantee each remaining trip keeps (read off the code path). */
const WHY: Record<string, string> = {
  'place order':
    'each trip keeps a guarantee: the conditional take (never oversold); one aggregate of the deal with this checkout\'s own ' +
    'order, the buyer\'s promoter binding, the share of the link\'s code and the deal\'s shop (what the order copies, why a ' +
    'refusal, a retry\'s order whenever it comes, attribution, a paused shop sells nothing); the purchase-limit counter (atomic ' +
    'across one buyer\'s parallel checkouts, on the buyer\'s own document); the order, which carries its audit event; the 下单 ' +
    'of an attributed order, one write to its share (its group\'s and its shop\'s 下单 are read from there): 4 trips without a ' +
    'promoter. ≤ 3 would need the purchase limit kept on the deal document (a counter per buyer on the one document every ' +
    'checkout of a hot deal writes) or 下单 counted at payment (an unpaid order would not show as 下单). A refused checkout ' +
    'is 2 trips (docs/capacity.md)',
  'verify one code':
    'the staff role and a unit of both guessing-limit windows in one conditional write on the staff account\'s one document, ' +
    'which lists the shops it works at (moved in the transaction that adds or removes a membership) (1; an account\'s first ' +
    'look-up reads that document and shop_members, then writes the list with its unit: +3); the unit given back once the code ' +
    'is found (1), so failures never pass the limit with requests in flight and a success is never refused; one transaction ' +
    'in which the code is read and moved unused → redeemed (a write to it after the read aborts the transaction: still a ' +
    'compare-and-set; TCB runs no where-write inside one), carrying its audit event and its booked flag in that write, with ' +
    'its commission: the ledger read and written, the line, the promoter balance, the share and shop funnels (start + 8 + ' +
    'commit: 10; nothing separates the move from its commission or its evidence, and the ledger tells whether the order may be ' +
    'complete and what the buyer is told, so the order is not read again); the buyer\'s and the promoter\'s messages (one read ' +
    'of both consents, one insert of both outbox records: 2). The move that may complete the order (no other unit pending) ' +
    'also reads the order and its codes after the move (of two staff redeeming its last codes the later sees both), settles ' +
    'it and books the code (+3). Without a promoter: 10 (a transaction of 4 with nothing else in it, then the order read and ' +
    'the code booked: no ledger says whether others are pending). ≤ 2 would need the code moved and its commission settled ' +
    'outside one atomic step and no unit held while the code is looked up',
  'refund one code':
    'the order and its codes in one read (1); the claim unused → refunding, carrying its audit event, which wins against a ' +
    'redemption before money moves (1); the refund record written once, after WeChat answered (1: idempotent by the refund ' +
    'number, which is the code\'s; the claim already marks the refund in flight for the retries); one transaction moving the ' +
    'code (read, then the write carrying code.refunded), the order totals, the buyer\'s paid units (read and write), the deal\'s ' +
    'stock and counters, the purchase limit and the commission with its ledger (ledger read, line, ledger, promoter balance, ' +
    'share and shop funnels): 15 with start and commit; the buyer\'s message (consent credit, outbox record: 2); one read after ' +
    'every move settles the order (1: of two callers moving codes of one order the later sees both), here completed, the ' +
    'write carrying its audit event (1). The two WeChat Pay calls (refund, queryRefund) are not database trips. ≤ 4 would need ' +
    'the refund, its counters and its commission outside one transaction',
  'payment notify':
    'the paid compare-and-set in one transaction with the buyer\'s paid units (start, the order read in it, the units read ' +
    'and written, the order written carrying order.paid, commit: 6; the buyer count moves exactly once with the order); the ' +
    'payment record carrying payment.received (1, idempotent by WeChat\'s number); the buyer\'s message (consent credit, ' +
    'outbox record: 2); the commission ledger, its lines and the codes (3 collections, 3 inserts: ledger and lines before ' +
    'codes, so no unit is refunded or redeemed before its line); the deal\'s 已售/接龙 debt read, cleared and paid exactly ' +
    'once (a transaction of 5, apart from the paid one so a burst of payments does not queue its paid step on the deal); the ' +
    'order\'s commission counted on the promoter and funnels once, guarded by the ledger\'s flag (a transaction of 7; none ' +
    'without a promoter). One transaction for the deal and the commission (10 instead of 12) was measured (tests/reliability burst, this machine): of 100 payments ' +
    'at once through one share, 33-36 instead of 20-22 needed WeChat\'s retry, both hot documents held together. queryOrder, ' +
    'which vouches for the callback, is a WeChat Pay call, not a database trip. ≤ 5 would need the paid step and the shared ' +
    'counters without exactly-once transactions, and commission lines and code documents folded into the order',
}

export async function roundTripRows(): Promise<Row[]> {
  const rows = await measureRoundTrips()
  return rows.map((r) => ({
    measure: `DB round trips: ${r.action}`,
    result: `${r.trips}`,
    ratio: `${(r.trips / r.goal).toFixed(1)}× goal`,
    goal: `≤ ${r.goal}`,
    verdict: verdict(r.trips <= r.goal),
    limit: WHY[r.action] ? `${r.breakdown}. Why: ${WHY[r.action]}` : r.breakdown,
  }))
}

if (require.main === module) {
  process.env.SILENCE ||= 'true'
  measureRoundTrips().then((rows) => {
    for (const r of rows) console.log(`${r.action.padEnd(22)} ${String(r.trips).padStart(3)}  (goal ≤ ${r.goal})  ${r.breakdown}`)
  })
}
