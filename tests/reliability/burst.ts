import { key, pool } from './support/api'
import { SIZES } from './support/config'
import { platformFunctions } from '../../local/gateway/functions'
import { fireTimer } from '../../local/timers/scheduler'
import { all, auditCount, count, createDeal, db, deliverNotify, doc, newStaff, notifyEventFor, P } from './support/fixtures'
import { sample } from './support/report'
import type { Suite } from './support/suite'

/**
 * Burst: many distinct buyers press 立即抢购 at the same instant on a deal with little stock. Exactly the stock is
 * sold, the counter never dips below zero, every loser is told 已售罄, and every winner who pays gets a code.
 */
export async function burst(s: Suite): Promise<void> {
  const n = SIZES.burst
  const stock = SIZES.burstStock
  const dealId = await createDeal(s.api, { stock, perUserLimit: 1, priceFen: 990, commissionBps: 1000, title: '可靠性·秒杀' })
  // The sale is posted in a WeChat group by one promoter: every checkout comes through the same share.
  const share = await s.api.ok('promoters', 'share', { dealId, channel: 'card' }, P.promoter)
  const errMark = s.errors.mark()

  // Watch the counter from the side while the burst runs.
  let watching = true
  let minStock = Infinity
  let polls = 0
  const watcher = (async () => {
    while (watching) {
      const d = await doc('deals', dealId)
      minStock = Math.min(minStock, d?.stock ?? Infinity)
      polls++
      await new Promise((r) => setTimeout(r, 2))
    }
  })()
  const buyers = Array.from({ length: n }, (_, i) => `o_rel_burst_${i}`)
  // A client that gets no answer at all (connection reset) retries the same checkout, same idempotency key.
  let transportRetries = 0
  const replies = await pool(buyers, SIZES.burstInflight, async (b) => {
    const checkout = { action: 'place', input: { dealId, qty: 1, idempotencyKey: key(), shareCode: share.shareCode } }
    let r = await s.api.call('orders', checkout, b)
    for (let attempt = 0; attempt < 3 && r.status === 0; attempt++, transportRetries++) r = await s.api.call('orders', checkout, b)
    return r
  })
  watching = false
  await watcher

  const won = replies.map((r, i) => ({ r, buyer: buyers[i] })).filter((x) => x.r.body?.ok === true)
  const lost = replies.filter((r) => r.body?.ok !== true)
  const deal = await doc('deals', dealId)
  const orders = await count('orders', { dealId })
  s.report.row(
    `burst: ${n} concurrent checkouts (qty 1, distinct buyers, one promoter's share) on stock ${stock} sell exactly ${stock}`,
    `${n} checkouts, ${Math.min(n, SIZES.burstInflight)} in flight${transportRetries ? ` (${transportRetries} retried after a connection reset)` : ''}`,
    won.length === stock && deal?.sold === stock && deal?.stock === 0 && orders === stock,
    `accepted ${won.length}, deal sold ${deal?.sold} stock ${deal?.stock}, orders ${orders}`,
  )
  const notSoldOut = lost.filter((r) => r.body?.code !== 'SOLD_OUT' || r.status !== 409)
  s.report.row(
    'burst: every loser is told SOLD_OUT (409), none INTERNAL',
    `${lost.length} losers`,
    notSoldOut.length === 0 && s.errors.since(errMark).length === 0,
    `${sample(notSoldOut.map((r) => `${r.status} ${r.body?.code ?? r.error}`))}; function errors: ${sample(s.errors.since(errMark), 2)}`,
  )
  s.report.row(
    'burst: stock never negative (polled through the burst, and after)',
    `${polls} polls`,
    minStock >= 0 && (deal?.stock ?? -1) >= 0,
    `lowest stock seen ${minStock}`,
  )

  // Every winner pays. WeChat delivers each callback once now; one not answered errcode 0 is retried later (its
  // first retry comes 15 s after), which here is after the refunds below.
  const events = await pool(won, 50, async (w) => ({ id: w.r.body.data.id as string, event: await notifyEventFor(s.api, w.buyer, w.r.body.data.id) }))
  const firstTry = await pool(events, 50, (e) => deliverNotify(e.event))
  const unanswered = events.filter((_, i) => firstTry[i].errcode !== 0)
  const ids = won.map((w) => w.r.body.data.id as string)
  const byOrder = await pool(ids, 50, async (id) => {
    const o = await doc('orders', id)
    return { id, status: o?.status, codes: (await db().collection('codes').where({ orderId: id }).count()).total as number }
  })
  const codes = await all('codes', { dealId })
  const wrong = byOrder.filter((o) => o.status !== 'paid' || o.codes !== 1)
  s.report.row(
    `burst: all ${stock} winners paid → exactly ${stock} codes, one per order`,
    `${won.length} payments (${unanswered.length} callbacks not answered errcode 0 the first time)`,
    codes.length === stock && new Set(codes.map((c) => c._id)).size === stock && wrong.length === 0,
    `codes ${codes.length}; ${sample(wrong)}`,
  )

  // Half of them change their mind at the same moment (随时退). Every request is answered — refunded, or 退款中
  // when its booking queued too long behind the others (the money is already sent) — and the retry timer books
  // the rest: every code refunded once, stock back exactly once.
  const quitters = won.slice(0, Math.floor(won.length / 2))
  const codeOf = new Map(codes.map((c) => [c.orderId as string, c._id as string]))
  const before = (await doc('deals', dealId))!
  const refundMark = s.errors.mark()
  const refunds = await Promise.all(quitters.map((w) => s.api.call('orders', { action: 'refund', input: { orderId: w.r.body.data.id, codes: [codeOf.get(w.r.body.data.id)] } }, w.buyer)))
  const refused = refunds.filter((r) => r.body?.ok !== true || !['refunded', 'refunding'].includes(r.body.data.codes[0].state))
  const queued = refunds.filter((r) => r.body?.data?.codes?.[0]?.state === 'refunding').length
  const quitCodes = quitters.map((w) => codeOf.get(w.r.body.data.id)!)
  // WeChat's retries of the callbacks that were not answered errcode 0.
  for (let round = 0; round < 10 && unanswered.length; round++) {
    const answers = await Promise.all(unanswered.map((e) => deliverNotify(e.event)))
    for (let i = answers.length - 1; i >= 0; i--) if (answers[i].errcode === 0) unanswered.splice(i, 1)
  }
  await Promise.all(quitCodes.map((c) => db().collection('codes').doc(c).update({ refundRequestedAt: new Date(Date.now() - 120_000) })))
  const unbookedRefunds = (await all('codes', { dealId, status: 'refunded', booked: false })).map((c) => c._id as string)
  await Promise.all(unbookedRefunds.map((c) => db().collection('codes').doc(c).update({ refundedAt: new Date(Date.now() - 120_000) })))
  await fireTimer(platformFunctions.timers, 'retryRefunds')
  const after = (await doc('deals', dealId))!
  const twice: string[] = []
  for (const c of quitCodes) {
    const [code, events] = await Promise.all([doc('codes', c), auditCount({ entityId: c, action: 'code.refunded' })])
    const line = await doc('commission_lines', `L${c}`)
    if (code?.status !== 'refunded' || events !== 1) twice.push(`${c}: ${code?.status}, ${events} code.refunded events`)
    if (line?.status !== 'reversed' || line.history.length !== 2) twice.push(`${c}: line ${line?.status} ×${line?.history.length}`)
  }
  s.report.row(
    `burst: ${quitters.length} buyers refund at the same moment → every request answered (refunded or 退款中); after retryRefunds each refunded and its commission reversed once, stock back exactly`,
    `${quitters.length} refunds (${queued} answered 退款中, ${unbookedRefunds.length} reversals left to retryRefunds)`,
    refused.length === 0 && twice.length === 0 && after.stock === before.stock + quitters.length && after.sold === before.sold - quitters.length,
    `${sample(refused.map((r) => `${r.status} ${r.body?.code ?? r.body?.data?.codes?.[0]?.state ?? r.error}`))}; ${sample(twice)}; stock ${before.stock} → ${after.stock}; function errors: ${sample(s.errors.since(refundMark).map((l) => l.slice(0, 200)), 1)}`,
  )

  // The other half come to the counters at the same moment (five staff accounts): every confirmation answered,
  // and every unit's commission settled once, by the confirmation or by retryRefunds.
  const diners = won.slice(quitters.length)
  const counters = [P.staffA, P.ownerA, ...(await Promise.all([1, 2, 3].map((i) => newStaff(s.api, `o_rel_burst_counter_${i}`, `收银${i}`))))]
  const redeemMark = s.errors.mark()
  const confirms = await Promise.all(
    diners.map((w, i) => s.api.call('redemption', { action: 'confirm', input: { codes: [codeOf.get(w.r.body.data.id)], idempotencyKey: key() } }, counters[i % counters.length])),
  )
  const notRedeemed = confirms.filter((r) => r.body?.data?.results?.[0]?.ok !== true)
  const dinerCodes = diners.map((w) => codeOf.get(w.r.body.data.id)!)
  const unbooked = (await all('codes', { dealId, status: 'redeemed', booked: false })).map((c) => c._id as string)
  await Promise.all(unbooked.map((c) => db().collection('codes').doc(c).update({ redeemedAt: new Date(Date.now() - 120_000) })))
  await fireTimer(platformFunctions.timers, 'retryRefunds')
  const unsettled: string[] = []
  for (const c of dinerCodes) {
    const line = await doc('commission_lines', `L${c}`)
    if (line?.status !== 'settled' || line.history.length !== 2) unsettled.push(`${c}: line ${line?.status} ×${line?.history.length}`)
  }
  s.report.row(
    `burst: ${diners.length} buyers redeem at the same moment at ${counters.length} counters → every confirmation answered, every commission settled once`,
    `${diners.length} confirmations (${unbooked.length} left to retryRefunds)`,
    notRedeemed.length === 0 && unsettled.length === 0,
    `${sample(notRedeemed.map((r) => `${r.status} ${r.body?.code ?? r.body?.data?.results?.[0]?.error ?? r.error}`))}; ${sample(unsettled)}; function errors: ${sample(s.errors.since(redeemMark).map((l) => l.slice(0, 200)), 1)}`,
  )
}
