import { orderCommission } from '@core/commission/order-commission'
import { key, sleep } from './support/api'
import { SIZES } from './support/config'
import { all, auditCount, count, createDeal, deliverNotify, doc, notifyEventFor, P, place } from './support/fixtures'
import { sample } from './support/report'
import type { Suite } from './support/suite'

const PRICE = 1999
const BPS = 1234
const QTY = 3

/**
 * Replays: WeChat Pay delivers a notify again and again (at once, and later), a flaky counter network resends a
 * confirmation, a buyer taps 退款 many times. Each must take effect once: one payment, one set of codes, one set of
 * commission lines, one redemption, one refund per code and its consequences (stock, limit, totals, reversal) once.
 */
export async function replays(s: Suite): Promise<void> {
  const copies = SIZES.replayCopies
  const dealId = await createDeal(s.api, { stock: 1000, perUserLimit: 20, priceFen: PRICE, commissionBps: BPS, title: '可靠性·重放' })
  const share = await s.api.ok('promoters', 'share', { dealId, channel: 'card' }, P.promoter)
  const orders: { id: string; buyer: string; event: Record<string, unknown> }[] = []
  for (let i = 0; i < SIZES.replayOrders; i++) {
    const buyer = `o_rel_replay_${i}`
    const placed = await place(s.api, buyer, dealId, QTY, { shareCode: share.shareCode })
    if (!placed.body?.ok) throw new Error(`place: ${placed.text}`)
    orders.push({ id: placed.body.data.id, buyer, event: await notifyEventFor(s.api, buyer, placed.body.data.id) })
  }
  const errMark = s.errors.mark()

  // Every notify delivered `copies` times at once (all orders together).
  const first = await Promise.all(orders.flatMap((o) => Array.from({ length: copies }, () => deliverNotify(o.event))))
  const badReplies = first.filter((r) => r.errcode !== 0)
  const views = await Promise.all(orders.map((o) => s.api.ok('orders', 'get', { id: o.id }, o.buyer)))
  const codesAfterPay = new Map(orders.map((o, i) => [o.id, (views[i].codes as { code: string }[]).map((c) => c.code)]))

  // One confirmation (one idempotency key) replayed `copies` times at once, then again later.
  const o0 = orders[0]
  const [c0, c1] = codesAfterPay.get(o0.id)!
  const confirmKey = key()
  const confirm = () => s.api.call('redemption', { action: 'confirm', input: { codes: [c0], idempotencyKey: confirmKey } }, P.staffA)
  const confirms = [...(await Promise.all(Array.from({ length: copies }, confirm))), ...(await sleep(200).then(() => Promise.all([confirm(), confirm()])))]
  const outcomes = confirms.map((r) => r.body?.data?.results?.[0])
  const fresh = outcomes.filter((x) => x?.ok === true && x.replay === false).length
  const replayed = outcomes.filter((x) => x?.ok === true && x.replay === true).length
  const line0 = await doc('commission_lines', `L${c0}`)
  s.report.row(
    `replays: one redemption confirmation (one idempotency key) ×${copies} at once + 2 later → one redemption`,
    `${confirms.length} confirmations`,
    fresh === 1 && replayed === confirms.length - 1 && (await auditCount({ entityId: c0, action: 'code.redeemed' })) === 1 &&
      (await doc('codes', c0))?.status === 'redeemed' && line0?.history.length === 2 && line0?.status === 'settled',
    `fresh ${fresh}, replays ${replayed}, audit ${await auditCount({ entityId: c0, action: 'code.redeemed' })}, line ${JSON.stringify(line0?.history)}`,
  )

  // Refund requests replayed: one code of order 0; all three codes of order 1 in one request.
  const dealBefore = await doc('deals', dealId)
  const refundSets: { order: (typeof orders)[number]; codes: string[] }[] = [{ order: o0, codes: [c1] }]
  if (orders[1]) refundSets.push({ order: orders[1], codes: codesAfterPay.get(orders[1].id)! })
  const refund = (x: (typeof refundSets)[number]) => s.api.call('orders', { action: 'refund', input: { orderId: x.order.id, codes: x.codes } }, x.order.buyer)
  const refundReplies = [
    ...(await Promise.all(refundSets.flatMap((x) => Array.from({ length: copies }, () => refund(x))))),
    ...(await sleep(200).then(() => Promise.all(refundSets.map(refund)))),
  ]
  const refundedCodes = refundSets.flatMap((x) => x.codes)
  const refundBad: string[] = refundReplies.filter((r) => r.body?.ok !== true).map((r) => `${r.status} ${r.body?.code ?? r.error}`)
  for (const code of refundedCodes) {
    const n = { records: await count('refunds', { _id: `R${code}` }), refunded: await auditCount({ entityId: code, action: 'code.refunded' }), requested: await auditCount({ entityId: code, action: 'code.refund_requested' }) }
    if (n.records !== 1 || n.refunded !== 1 || n.requested !== 1) refundBad.push(`${code}: ${JSON.stringify(n)}`)
    const line = await doc('commission_lines', `L${code}`)
    if (line?.status !== 'reversed' || line.history.length !== 2) refundBad.push(`${code}: line ${JSON.stringify(line?.history)}`)
  }
  const dealAfter = await doc('deals', dealId)
  if (dealAfter?.stock !== dealBefore!.stock + refundedCodes.length || dealAfter?.sold !== dealBefore!.sold - refundedCodes.length) {
    refundBad.push(`stock ${dealBefore!.stock} → ${dealAfter?.stock}, sold ${dealBefore!.sold} → ${dealAfter?.sold} for ${refundedCodes.length} refunded units`)
  }
  for (const x of refundSets) {
    const o = await doc('orders', x.order.id)
    const u = await doc('buyer_units', `${dealId}:${x.order.buyer}`)
    const ledger = await doc('commission_orders', x.order.id)
    if (o?.refundedFen !== PRICE * x.codes.length) refundBad.push(`${x.order.id}: refundedFen ${o?.refundedFen}`)
    if (u?.units !== QTY - x.codes.length) refundBad.push(`${x.order.id}: purchase-limit counter ${u?.units}`)
    if (ledger?.live !== QTY - x.codes.length) refundBad.push(`${x.order.id}: ledger live ${ledger?.live}`)
  }
  s.report.row(
    `replays: refund requests ×${copies} at once + 1 later → one refund record per code, consequences once`,
    `${refundReplies.length} requests, ${refundedCodes.length} codes`,
    refundBad.length === 0,
    sample(refundBad),
  )

  // The notifies again, later, after codes were redeemed and refunded: nothing may move back or be issued again.
  const statesBefore = await all('codes', { dealId })
  const later: { errcode?: number }[] = []
  for (let round = 0; round < 5; round++) later.push(...(await Promise.all(orders.map((o) => deliverNotify(o.event)))))
  const statesAfter = await all('codes', { dealId })
  badReplies.push(...later.filter((r) => r.errcode !== 0))

  const payBad: string[] = badReplies.map((r) => JSON.stringify(r))
  const codeBad: string[] = []
  const lineBad: string[] = []
  for (const o of orders) {
    const n = { payments: await count('payments', { orderId: o.id }), received: await auditCount({ orderId: o.id, action: 'payment.received' }), paid: await auditCount({ orderId: o.id, action: 'order.paid' }) }
    if (n.payments !== 1 || n.received !== 1 || n.paid !== 1) payBad.push(`${o.id}: ${JSON.stringify(n)}`)
    const order = await doc('orders', o.id)
    const codes = (await all('codes', { orderId: o.id })).map((c) => c._id as string).sort()
    if (codes.length !== QTY || codes.join() !== [...order!.codes].sort().join() || codes.join() !== [...codesAfterPay.get(o.id)!].sort().join()) {
      codeBad.push(`${o.id}: ${codes.length} code docs, order lists ${order?.codes.length}`)
    }
    const lines = await all('commission_lines', { orderId: o.id })
    const total = lines.reduce((a, l) => a + l.amountFen, 0)
    if (lines.length !== QTY || total !== orderCommission(PRICE, QTY, BPS) || (await count('commission_orders', { _id: o.id })) !== 1) {
      lineBad.push(`${o.id}: ${lines.length} lines summing to ${total}`)
    }
  }
  const moved = statesAfter.filter((c) => JSON.stringify(c) !== JSON.stringify(statesBefore.find((b) => b._id === c._id)))
  if (moved.length || statesAfter.length !== statesBefore.length) codeBad.push(`late notifies changed ${moved.length} code(s): ${sample(moved.map((c) => `${c._id} ${c.status}`))}`)
  const tried = `${orders.length} orders × (${copies} at once + 5 later)`
  s.report.row('replays: every notify answered errcode 0; one payment record and one order.paid per order', tried, payBad.length === 0, sample(payBad))
  s.report.row('replays: codes issued once (code documents = the codes fixed on the order), late replays move nothing', tried, codeBad.length === 0, sample(codeBad))
  s.report.row('replays: commission lines booked once per unit, summing to the order commission', tried, lineBad.length === 0, sample(lineBad))
  s.report.row('replays: no function logged an error', `${first.length + later.length + confirms.length + refundReplies.length} deliveries`, s.errors.since(errMark).length === 0, sample(s.errors.since(errMark), 2))
}
