import { orderCommission } from '@core/commission/order-commission'
import { orderStateOfCodes } from '@core/orders/order-state-of-codes'
import { demoData } from '../../../local/seed/demo'
import { all, type Doc } from './fixtures'
import { sample, type Report } from './report'

/** Orders that were paid: their money is in their codes (grouping = paid, waiting for its 成团 group). */
const PAID_STATES = new Set(['grouping', 'paid', 'completed', 'refunded'])

/**
 * The books, read straight from the database after an attack: money per order from its codes, commission per
 * order from its lines, stock per deal from the orders holding units. Every check covers every order and deal.
 */
export async function checkBooks(report: Report, label: string): Promise<void> {
  const [orders, codes, payments, refunds, lines, ledgers, deals, units, promoters, shares, withdrawals] = await Promise.all(
    ['orders', 'codes', 'payments', 'refunds', 'commission_lines', 'commission_orders', 'deals', 'buyer_units', 'promoters', 'shares', 'withdrawals'].map((c) => all(c)),
  )
  const by = <T extends Doc>(docs: T[], k: string) => {
    const m = new Map<string, T[]>()
    for (const d of docs) m.set(d[k], [...(m.get(d[k]) ?? []), d])
    return m
  }
  const codesOf = by(codes, 'orderId')
  const paymentsOf = by(payments, 'orderId')
  const linesOf = by(lines, 'orderId')
  const refundById = new Map(refunds.map((r) => [r._id as string, r]))
  const ledgerById = new Map(ledgers.map((l) => [l._id as string, l]))

  // 1. Money of every paid order, in fen, from its codes.
  const moneyBad: string[] = []
  let paidOrders = 0
  for (const o of orders) {
    const cs = codesOf.get(o._id) ?? []
    if (PAID_STATES.has(o.status)) {
      paidOrders++
      const price = (state: string[]) => cs.filter((c) => state.includes(c.status)).reduce((a, c) => a + c.unitPriceFen, 0)
      const redeemed = price(['redeemed'])
      const refunded = price(['refunded'])
      const outstanding = price(['unused', 'refunding'])
      if (o.amountFen !== redeemed + refunded + outstanding) moneyBad.push(`${o._id}: paid ${o.amountFen} ≠ ${redeemed} redeemed + ${refunded} refunded + ${outstanding} outstanding`)
      if (cs.length !== o.qty || cs.some((c) => c.unitPriceFen !== o.unitPriceFen)) moneyBad.push(`${o._id}: ${cs.length} codes for qty ${o.qty}`)
      if ([...cs.map((c) => c._id)].sort().join() !== [...o.codes].sort().join()) moneyBad.push(`${o._id}: code documents differ from the codes fixed on the order`)
      if (o.refundedFen !== refunded) moneyBad.push(`${o._id}: order says refunded ${o.refundedFen}, codes say ${refunded}`)
      const pays = paymentsOf.get(o._id) ?? []
      if (pays.length !== 1 || pays[0].amountFen !== o.amountFen) moneyBad.push(`${o._id}: ${pays.length} payment record(s)`)
      for (const c of cs) {
        const r = refundById.get(`R${c._id}`)
        if (c.status === 'refunded' && (r?.status !== 'succeeded' || r.refundFen !== c.unitPriceFen)) moneyBad.push(`${c._id}: refunded without a succeeded refund of ${c.unitPriceFen}`)
        if ((c.status === 'unused' || c.status === 'redeemed') && r) moneyBad.push(`${c._id}: ${c.status} but money was sent back (${r.status})`)
      }
    } else if (cs.length > 0) {
      moneyBad.push(`${o._id}: ${o.status} order has ${cs.length} code(s)`)
    } else if (o.status === 'closed' && o.refundedFen > 0) {
      const r = refundById.get(`L${o._id}`)
      if (o.refundedFen !== o.amountFen || r?.status !== 'succeeded') moneyBad.push(`${o._id}: late payment refund ${o.refundedFen} without a succeeded refund`)
    }
  }
  report.row(`${label}: every paid order: paid = redeemed + refunded + outstanding (fen, from codes); one payment record; refunds match codes`, `${paidOrders} paid orders, ${codes.length} codes`, moneyBad.length === 0, sample(moneyBad))

  // 2. Commission: the live lines of an order sum to rate × (paid − refunded), per core/commission.
  const commBad: string[] = []
  let withPromoter = 0
  for (const o of orders) {
    const ls = linesOf.get(o._id) ?? []
    const earns = PAID_STATES.has(o.status) && o.promoter && o.commissionBps > 0
    if (!earns) {
      if (ls.length) commBad.push(`${o._id}: ${o.status} order without commission has ${ls.length} line(s)`)
      continue
    }
    withPromoter++
    const cs = codesOf.get(o._id) ?? []
    const refundedUnits = cs.filter((c) => c.status === 'refunded').length
    const live = ls.reduce((a, l) => a + l.amountFen - l.reversedFen, 0)
    const want = orderCommission(o.unitPriceFen, o.qty - refundedUnits, o.commissionBps)
    if (ls.length !== o.qty) commBad.push(`${o._id}: ${ls.length} lines for ${o.qty} units`)
    if (live !== want) commBad.push(`${o._id}: live commission ${live} ≠ ${o.commissionBps} bps × (${o.qty} − ${refundedUnits}) × ${o.unitPriceFen} = ${want}`)
    // Settled money follows the redeemed units the same way, and a reversal takes back exactly its line.
    const redeemedUnits = cs.filter((c) => c.status === 'redeemed').length
    const settled = ls.reduce((a, l) => a + (l.status === 'settled' ? l.amountFen : 0), 0)
    const wantSettled = orderCommission(o.unitPriceFen, redeemedUnits, o.commissionBps)
    if (settled !== wantSettled) commBad.push(`${o._id}: settled commission ${settled} ≠ ${o.commissionBps} bps × ${redeemedUnits} redeemed × ${o.unitPriceFen} = ${wantSettled}`)
    for (const l of ls) if (l.status === 'reversed' && l.reversedFen !== l.amountFen) commBad.push(`${l._id}: reversed ${l.reversedFen} of a ${l.amountFen} line`)
    const reversed = new Set(ls.filter((l) => l.status === 'reversed').map((l) => l.code))
    const refundedCodes = new Set(cs.filter((c) => c.status === 'refunded').map((c) => c._id))
    if ([...reversed].sort().join() !== [...refundedCodes].sort().join()) commBad.push(`${o._id}: reversed lines ≠ refunded codes`)
    const ledger = ledgerById.get(o._id)
    if (ledger?.live !== o.qty - refundedUnits) commBad.push(`${o._id}: ledger live ${ledger?.live} ≠ ${o.qty - refundedUnits}`)
    for (const l of ls) {
      const c = cs.find((x) => x._id === l.code)
      if (l.status === 'settled' && c?.status !== 'redeemed') commBad.push(`${l._id}: settled but code is ${c?.status}`)
      if (l.status === 'pending' && c?.status === 'redeemed') commBad.push(`${l._id}: code redeemed but commission still pending`)
    }
  }
  report.row(`${label}: commission lines sum to rate × (paid − refunded) per order, settled ones to rate × redeemed, settle with redemption, reverse exactly with refund`, `${withPromoter} orders with a promoter, ${lines.length} lines`, commBad.length === 0, sample(commBad))

  // 2b. The promoter's balance counters and each share's commission are moved with the lines: they must equal them.
  const counterBad: string[] = []
  const sum = (ls: Doc[], f: (l: Doc) => number) => ls.reduce((a, l) => a + f(l), 0)
  for (const p of promoters) {
    const ls = lines.filter((l) => l.promoter === p._id)
    const want = {
      pendingFen: sum(ls.filter((l) => l.status === 'pending'), (l) => l.amountFen),
      settledFen: sum(ls.filter((l) => l.status === 'settled'), (l) => l.amountFen),
      carryFen: sum(ls.filter((l) => l.status === 'reversed'), (l) => l.amountFen - l.reversedFen),
      withdrawnFen: sum(withdrawals.filter((w) => w.promoter === p._id && !w.refundedToBalance), (w) => w.amountFen),
    }
    for (const [k, v] of Object.entries(want)) if ((p[k] ?? 0) !== v) counterBad.push(`promoter ${p._id}: ${k} ${p[k] ?? 0}, lines say ${v}`)
  }
  for (const sh of shares) {
    const want = sum(lines.filter((l) => l.shareCode === sh._id), (l) => l.amountFen - l.reversedFen)
    if ((sh.commissionFen ?? 0) !== want) counterBad.push(`share ${sh._id}: commission ${sh.commissionFen ?? 0}, lines say ${want}`)
  }
  report.row(`${label}: promoter balances and share commissions equal their commission lines`, `${promoters.length} promoters, ${shares.length} shares`, counterBad.length === 0, sample(counterBad))

  // 3. Stock: never negative; what a deal counts as sold is exactly what orders hold; purchase-limit counters agree.
  const seedSold = new Map(demoData(Date.now()).deals.map((d) => [d._id, d.sold]))
  const held = new Map<string, number>()
  const heldByBuyer = new Map<string, number>()
  for (const o of orders) {
    if (o.status === 'closed') continue
    const refundedUnits = (codesOf.get(o._id) ?? []).filter((c) => c.status === 'refunded').length
    const h = o.qty - refundedUnits
    held.set(o.dealId, (held.get(o.dealId) ?? 0) + h)
    heldByBuyer.set(`${o.dealId}:${o.buyer}`, (heldByBuyer.get(`${o.dealId}:${o.buyer}`) ?? 0) + h)
  }
  const stockBad: string[] = []
  for (const d of deals) {
    if (!(d.stock >= 0) || !(d.sold >= 0)) stockBad.push(`${d._id}: stock ${d.stock}, sold ${d.sold}`)
    const want = (seedSold.get(d._id) ?? 0) + (held.get(d._id) ?? 0)
    if (d.sold !== want) stockBad.push(`${d._id}: sold ${d.sold}, orders hold ${want}`)
  }
  for (const u of units) {
    const want = heldByBuyer.get(u._id) ?? 0
    if (u.units !== want) stockBad.push(`buyer_units ${u._id}: ${u.units}, orders hold ${want}`)
  }
  report.row(`${label}: no negative stock; sold = units held by orders; purchase-limit counters agree`, `${deals.length} deals, ${units.length} counters`, stockBad.length === 0, sample(stockBad))

  // 3b. 已售, 接龙 and 已拼 (core/deals/counts): the deal's counters are the paid units not refunded and their buyers.
  const liveUnits = new Map<string, number>()
  const liveBuyers = new Map<string, Map<string, number>>()
  const countBad: string[] = []
  for (const o of orders) {
    if (!PAID_STATES.has(o.status)) continue
    const cs = codesOf.get(o._id) ?? []
    const refunded = cs.filter((c) => c.status === 'refunded').length
    if (o.refundedUnits !== undefined && o.refundedUnits !== refunded) countBad.push(`${o._id}: refundedUnits ${o.refundedUnits}, codes say ${refunded}`)
    const live = o.qty - refunded
    liveUnits.set(o.dealId, (liveUnits.get(o.dealId) ?? 0) + live)
    const per = liveBuyers.get(o.dealId) ?? new Map<string, number>()
    per.set(o.buyer, (per.get(o.buyer) ?? 0) + live)
    liveBuyers.set(o.dealId, per)
  }
  for (const d of deals) {
    const units = liveUnits.get(d._id) ?? 0
    const buyers = [...(liveBuyers.get(d._id)?.values() ?? [])].filter((u) => u > 0).length
    if ((d.groupUnits ?? 0) !== units || (d.groupBuyers ?? 0) !== buyers) countBad.push(`${d._id}: 已售 ${d.groupUnits ?? 0} by ${d.groupBuyers ?? 0}, orders hold ${units} by ${buyers}`)
  }
  report.row(`${label}: 已售/接龙/已拼 counters = paid units not refunded and their buyers`, `${deals.length} deals`, countBad.length === 0, sample(countBad))

  // 4. The order's own status agrees with its codes (the list page shows it without reading codes).
  const stateBad: string[] = []
  for (const o of orders) {
    const cs = codesOf.get(o._id) ?? []
    if (o.status === 'grouping' && cs.some((c) => !c.groupLocked && c.status !== 'refunded')) stateBad.push(`${o._id}: grouping with usable codes`)
    if (!PAID_STATES.has(o.status) || o.status === 'grouping') continue
    if (!cs.length) continue
    const want = orderStateOfCodes(cs.map((c) => c.status))
    if (cs.some((c) => c.groupLocked && c.status !== 'refunded')) stateBad.push(`${o._id}: ${o.status} with group-locked codes`)
    if (o.status !== want) stateBad.push(`${o._id}: ${o.status}, codes say ${want} (${cs.map((c) => c.status).join(',')})`)
  }
  report.row(`${label}: every order's status agrees with its codes (grouping orders: all codes locked)`, `${paidOrders} paid orders`, stateBad.length === 0, sample(stateBad))
}
