import { platformFunctions } from '../../local/gateway/functions'
import { fireTimer } from '../../local/timers/scheduler'
import { key, pool, sleep } from './support/api'
import { SIZES } from './support/config'
import { all, auditCount, count, createDeal, db, deliverNotify, doc, newStaff, notifyEventFor, P, place, placeAndPay, wxpay, type Doc } from './support/fixtures'
import { sample } from './support/report'
import type { Suite } from './support/suite'

type TimerReply = { ok: boolean; data?: Record<string, number>; code?: string }

/**
 * Races: the same thing attempted by several hands at the same instant. One code at many counters, a refund and
 * a redemption of one code, and every timer fired twice at once on prepared data: exactly one wins, and nothing is
 * done twice (counted by audit events, refund records and stock).
 */
export async function races(s: Suite): Promise<void> {
  await oneCodeManyStaff(s)
  await refundVersusRedemption(s)
  await timersTwice(s)
  await groupRaces(s)
}

async function oneCodeManyStaff(s: Suite): Promise<void> {
  const dealId = await createDeal(s.api, { stock: 50, title: '可靠性·多人核销' })
  const extra = await Promise.all([1, 2, 3].map((i) => newStaff(s.api, `o_rel_counter_${i}`, `柜台${i}`)))
  const staff = [P.staffA, P.ownerA, ...extra]
  const trials = 5
  const bad: string[] = []
  for (let t = 0; t < trials; t++) {
    const o = await placeAndPay(s.api, `o_rel_multi_${t}`, dealId, 1)
    const code = o.codes[0].code as string
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.api.call('redemption', { action: 'confirm', input: { codes: [code], idempotencyKey: key() } }, staff[i % staff.length])),
    )
    const results = replies.map((r) => r.body?.data?.results?.[0])
    const wins = results.filter((x) => x?.ok === true).length
    const told = results.filter((x) => x?.ok === false && x.error === 'CODE_ALREADY_REDEEMED' && typeof x.redeemedBy === 'string').length
    const audits = await auditCount({ entityId: code, action: 'code.redeemed' })
    if (wins !== 1 || told !== 19 || audits !== 1) bad.push(`${code}: ${wins} successes, ${told} told who redeemed it, ${audits} audit events`)
  }
  s.report.row('races: one code confirmed by 20 staff requests at once → exactly one success, 19 told who', `${trials} codes × 20 requests`, bad.length === 0, sample(bad))
}

async function refundVersusRedemption(s: Suite): Promise<void> {
  const n = SIZES.races
  const dealId = await createDeal(s.api, { stock: n + 10, perUserLimit: 99, title: '可靠性·退款核销同时' })
  const buyers = Array.from({ length: Math.ceil(n / 10) }, (_, i) => `o_rel_rvr_${i}`)
  const codes = await pool(Array.from({ length: n }, (_, i) => i), 10, async (i) => {
    const o = await placeAndPay(s.api, buyers[i % buyers.length], dealId, 1)
    return { orderId: o.id as string, buyer: buyers[i % buyers.length], code: o.codes[0].code as string }
  })
  const stockBefore = (await doc('deals', dealId))!.stock as number
  const bad: string[] = []
  let refundWins = 0
  for (const [i, c] of codes.entries()) {
    // Jitter which side leaves first and by how much, so both outcomes of the race are exercised.
    const lag = (i * 7) % 6
    const later = <T>(ms: number, f: () => Promise<T>) => (ms ? sleep(ms).then(f) : f())
    const [refund, confirm] = await Promise.all([
      later(i % 2 ? lag : 0, () => s.api.call('orders', { action: 'refund', input: { orderId: c.orderId, codes: [c.code] } }, c.buyer)),
      later(i % 2 ? 0 : lag, () => s.api.call('redemption', { action: 'confirm', input: { codes: [c.code], idempotencyKey: key() } }, P.staffA)),
    ])
    const refundWon = refund.body?.ok === true
    const result = confirm.body?.data?.results?.[0]
    const redeemWon = result?.ok === true
    const state = (await doc('codes', c.code))?.status
    const refundRecord = await count('refunds', { _id: `R${c.code}` })
    if (refundWon === redeemWon) bad.push(`${c.code}: refund ${refund.body?.code ?? 'ok'}, confirm ${result?.error ?? 'ok'}`)
    else if (refundWon && (state !== 'refunded' || refundRecord !== 1 || result?.error !== 'CODE_REFUNDED')) bad.push(`${c.code}: refund won but code ${state}, ${refundRecord} refund records, confirm said ${result?.error}`)
    else if (redeemWon && (state !== 'redeemed' || refundRecord !== 0 || refund.body?.code !== 'CODE_ALREADY_REDEEMED')) bad.push(`${c.code}: redemption won but code ${state}, ${refundRecord} refund records, refund said ${refund.body?.code}`)
    if (refundWon) refundWins++
  }
  const stockAfter = (await doc('deals', dealId))!.stock as number
  if (stockAfter !== stockBefore + refundWins) bad.push(`stock ${stockBefore} → ${stockAfter} after ${refundWins} refunds`)
  s.report.row(
    'races: refund and redemption of one code at once → exactly one wins, the other is told why',
    `${n} codes (${refundWins} refunds won, ${n - refundWins} redemptions)`,
    bad.length === 0,
    sample(bad),
  )
}

const fireTwice = async (name: string) => (await Promise.all([fireTimer(platformFunctions.timers, name), fireTimer(platformFunctions.timers, name)])) as TimerReply[]

async function timersTwice(s: Suite): Promise<void> {
  const n = SIZES.timerOrders
  const errMark = s.errors.mark()

  // closeUnpaid: unpaid orders past their deadline.
  const closeDeal = await createDeal(s.api, { stock: n + 5, perUserLimit: 5, title: '可靠性·超时关单' })
  const pending = await pool(Array.from({ length: n }, (_, i) => `o_rel_unpaid_${i}`), 10, async (buyer) => {
    const r = await place(s.api, buyer, closeDeal, 1)
    if (!r.body?.ok) throw new Error(`place: ${r.text}`)
    return { id: r.body.data.id as string, buyer }
  })
  await Promise.all(pending.map((o) => db().collection('orders').doc(o.id).update({ payBefore: new Date(Date.now() - 1000) })))
  const before = (await doc('deals', closeDeal))!
  const closeRuns = await fireTwice('closeUnpaid')
  const after = (await doc('deals', closeDeal))!
  const closeBad: string[] = closeRuns.filter((r) => !r.ok).map((r) => `timer answered ${r.code}`)
  for (const o of pending) {
    const [order, closed, units] = await Promise.all([doc('orders', o.id), auditCount({ orderId: o.id, action: 'order.closed' }), doc('buyer_units', `${closeDeal}:${o.buyer}`)])
    if (order?.status !== 'closed' || closed !== 1 || units?.units !== 0) closeBad.push(`${o.id}: ${order?.status}, ${closed} order.closed events, limit counter ${units?.units}`)
  }
  if (after.stock !== before.stock + n || after.sold !== before.sold - n) closeBad.push(`stock ${before.stock} → ${after.stock}, sold ${before.sold} → ${after.sold} for ${n} orders`)
  const closedByRuns = closeRuns.reduce((a, r) => a + (r.data?.closed ?? 0), 0)
  s.report.row('races: two closeUnpaid timers at once → each order closed once, its stock and limit returned once', `${n} expired orders`, closeBad.length === 0 && closedByRuns >= n, `${closedByRuns} closes reported; ${sample(closeBad)}`)

  // refundExpired: unused codes past their validity.
  const expDeal = await createDeal(s.api, { stock: n + 5, perUserLimit: 5, title: '可靠性·过期退' })
  const expOrders = await pool(Array.from({ length: Math.ceil(n / 2) }, (_, i) => `o_rel_expiry_${i}`), 10, (b) => placeAndPay(s.api, b, expDeal, 2))
  const expCodes = expOrders.flatMap((o) => o.codes.map((c: { code: string }) => c.code as string))
  await Promise.all(expCodes.map((c) => db().collection('codes').doc(c).update({ validEnd: new Date(Date.now() - 1000) })))
  const expBefore = (await doc('deals', expDeal))!
  const expRuns = await fireTwice('refundExpired')
  s.report.row(
    'races: two refundExpired timers at once → each expired code refunded once',
    `${expCodes.length} expired codes`,
    ...(await refundedOnce(expCodes, expDeal, expBefore, expRuns, 'expired')),
  )

  // retryRefunds: refunds the provider did not confirm, left in refunding.
  const stuckDeal = await createDeal(s.api, { stock: n + 5, perUserLimit: 5, title: '可靠性·退款重试' })
  const stuckOrders = await pool(Array.from({ length: Math.ceil(n / 2) }, (_, i) => `o_rel_stuck_${i}`), 10, async (buyer) => ({
    buyer,
    order: await placeAndPay(s.api, buyer, stuckDeal, 2),
  }))
  const stuckCodes = stuckOrders.flatMap((o) => o.order.codes.map((c: { code: string }) => c.code as string))
  wxpay().failRefunds = true
  try {
    for (const o of stuckOrders) await s.api.ok('orders', 'refund', { orderId: o.order.id, codes: o.order.codes.map((c: { code: string }) => c.code) }, o.buyer)
  } finally {
    wxpay().failRefunds = false
  }
  const notStuck = (await all('codes', { dealId: stuckDeal })).filter((c) => c.status !== 'refunding')
  await Promise.all(stuckCodes.map((c) => db().collection('codes').doc(c).update({ refundRequestedAt: new Date(Date.now() - 120_000) })))
  const stuckBefore = (await doc('deals', stuckDeal))!
  const stuckRuns = await fireTwice('retryRefunds')
  const [held, detail] = await refundedOnce(stuckCodes, stuckDeal, stuckBefore, stuckRuns, 'buyer')
  s.report.row('races: two retryRefunds timers at once → each stuck refund finished once', `${stuckCodes.length} codes left refunding`, held && notStuck.length === 0, `${notStuck.length} were not refunding before; ${detail}`)

  // retryRefunds also finishes redemptions whose bookkeeping died: prepared as a crash leaves them (code redeemed,
  // booked false, commission line still pending, order still paid).
  const halfDeal = await createDeal(s.api, { stock: n + 5, perUserLimit: 5, commissionBps: 1200, title: '可靠性·核销中断' })
  const halfShare = await s.api.ok('promoters', 'share', { dealId: halfDeal }, P.promoter)
  const half = await pool(Array.from({ length: Math.ceil(n / 3) }, (_, i) => `o_rel_half_${i}`), 10, (b) => placeAndPay(s.api, b, halfDeal, 1, { shareCode: halfShare.shareCode }))
  await Promise.all(half.map((o) => db().collection('codes').doc(o.codes[0].code).update({ status: 'redeemed', redeemedAt: new Date(Date.now() - 120_000), redeemedBy: P.staffA, redemptionKey: 'crashed-confirm', booked: false })))
  const halfRuns = await fireTwice('retryRefunds')
  const halfBad: string[] = halfRuns.filter((r) => !r.ok).map((r) => `timer answered ${r.code}`)
  for (const o of half) {
    const code = o.codes[0].code as string
    const [order, line, completed, c] = await Promise.all([doc('orders', o.id), doc('commission_lines', `L${code}`), auditCount({ orderId: o.id, action: 'order.completed' }), doc('codes', code)])
    if (order?.status !== 'completed' || completed !== 1 || line?.status !== 'settled' || line.history.length !== 2 || c?.booked !== true) {
      halfBad.push(`${o.id}: ${order?.status}, ${completed} order.completed, line ${line?.status} ×${line?.history.length}, booked ${c?.booked}`)
    }
  }
  s.report.row('races: two retryRefunds timers at once finish half-done redemptions once (commission settled, order completed)', `${half.length} redemptions`, halfBad.length === 0, sample(halfBad))
  s.report.row('races: no timer logged an error', '8 timer runs', s.errors.since(errMark).length === 0, sample(s.errors.since(errMark), 2))
}

/** Each code refunded exactly once: one succeeded refund record, one code.refunded event, one unit of stock back. */
async function refundedOnce(
  codes: string[],
  dealId: string,
  before: Doc,
  runs: TimerReply[],
  reason: string,
): Promise<[boolean, string]> {
  const bad: string[] = runs.filter((r) => !r.ok).map((r) => `timer answered ${r.code}`)
  for (const code of codes) {
    const [c, records, events, line] = await Promise.all([doc('codes', code), all('refunds', { _id: `R${code}` }), auditCount({ entityId: code, action: 'code.refunded' }), doc('commission_lines', `L${code}`)])
    if (c?.status !== 'refunded' || c.refundReason !== reason || records.length !== 1 || records[0].status !== 'succeeded' || events !== 1) {
      bad.push(`${code}: ${c?.status}/${c?.refundReason}, ${records.length} refund records, ${events} code.refunded events`)
    }
    if (line && (line.status !== 'reversed' || line.history.length !== 2)) bad.push(`${code}: commission line ${JSON.stringify(line.history)}`)
  }
  const after = (await doc('deals', dealId))!
  if (after.stock !== before.stock + codes.length || after.sold !== before.sold - codes.length) bad.push(`stock ${before.stock} → ${after.stock}, sold ${before.sold} → ${after.sold} for ${codes.length} codes`)
  return [bad.length === 0, sample(bad)]
}

/**
 * 成团 under pressure: the payments that complete a group arrive together (each delivered twice), so the group is
 * released while other payments of it are still between their transaction and their codes; and a failed group
 * is settled by two timers at once.
 */
async function groupRaces(s: Suite): Promise<void> {
  const size = SIZES.groupPayments
  const trials = 3
  const okBad: string[] = []
  const errMark = s.errors.mark()
  for (let t = 0; t < trials; t++) {
    const dealId = await createDeal(s.api, { stock: size + 5, perUserLimit: 5, groupMin: size, title: '可靠性·成团' })
    const orders = await pool(Array.from({ length: size }, (_, i) => `o_rel_group_${t}_${i}`), 10, async (buyer) => {
      const r = await place(s.api, buyer, dealId, 1)
      if (!r.body?.ok) throw new Error(`place: ${r.text}`)
      return { id: r.body.data.id as string, buyer, event: await notifyEventFor(s.api, buyer, r.body.data.id) }
    })
    const replies = await Promise.all(orders.flatMap((o) => [deliverNotify(o.event), deliverNotify(o.event)]))
    const deal = await doc('deals', dealId)
    if (replies.some((r) => r.errcode !== 0)) okBad.push(`notify replies ${JSON.stringify(replies.filter((r) => r.errcode !== 0).slice(0, 2))}`)
    if (deal?.groupStatus !== 'succeeded' || deal.groupUnits !== size) okBad.push(`${dealId}: group ${deal?.groupStatus} with ${deal?.groupUnits} units`)
    for (const o of orders) {
      const [order, codes, released] = await Promise.all([doc('orders', o.id), all('codes', { orderId: o.id }), auditCount({ orderId: o.id, action: 'order.group_succeeded' })])
      if (order?.status !== 'paid' || codes.length !== 1 || codes.some((c) => c.groupLocked) || released !== 1) {
        okBad.push(`${o.id}: ${order?.status}, ${codes.length} code(s), locked ${codes.map((c) => c.groupLocked).join()}, ${released} release event(s)`)
      }
    }
    const confirm = await s.api.call('redemption', { action: 'confirm', input: { codes: (await all('codes', { dealId })).map((c) => c._id), idempotencyKey: key() } }, P.staffA)
    const refused = ((confirm.body?.data?.results ?? []) as { ok: boolean; code: string; error?: string }[]).filter((x) => !x.ok)
    if (refused.length) okBad.push(`counter refused ${refused.length} code(s) of the succeeded group: ${refused[0].error}`)
  }
  s.report.row(
    'races: the payments completing a group arrive at once (×2) → group succeeds once, every order paid with usable codes',
    `${trials} groups × ${size} payments`,
    okBad.length === 0,
    `${sample(okBad, 3)}; function errors: ${sample(s.errors.since(errMark).map((l) => l.slice(0, 300)), 2)}`,
  )

  // A group that cannot succeed, past its deadline: two groupDeadline timers at once refund every unit once.
  const dealId = await createDeal(s.api, { stock: size * 2 + 5, perUserLimit: 5, groupMin: 10_000, title: '可靠性·未成团' })
  const buyers = Array.from({ length: size }, (_, i) => `o_rel_nogroup_${i}`)
  const paid = await pool(buyers, 10, (b) => placeAndPay(s.api, b, dealId, 2))
  const codes = paid.flatMap((o) => o.codes.map((c: { code: string }) => c.code as string))
  const before = (await doc('deals', dealId))!
  await db().collection('deals').doc(dealId).update({ groupDeadline: new Date(Date.now() - 1000) })
  const runs = await fireTwice('groupDeadline')
  const [held, detail] = await refundedOnce(codes, dealId, before, runs, 'group_failed')
  const after = (await doc('deals', dealId))!
  const orderStates = await Promise.all(paid.map((o) => doc('orders', o.id)))
  const notRefunded = orderStates.filter((o) => o?.status !== 'refunded' || o.refundedFen !== o.amountFen)
  s.report.row(
    'races: two groupDeadline timers at once on a failed group → every unit refunded once, group count back to 0',
    `${paid.length} orders, ${codes.length} codes`,
    held && after.groupStatus === 'failed' && after.groupUnits === 0 && notRefunded.length === 0,
    `group ${after.groupStatus}/${after.groupUnits} units; ${notRefunded.length} orders not fully refunded; ${detail}`,
  )
}
