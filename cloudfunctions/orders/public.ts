import { generateRedemptionCode } from '@core/codes/redemption-code'
import { audit, auditInto } from '../../server/audit'
import { inTransaction, txGet, txUpdate } from '../../server/tx'
import { addBuyerUnitsInTx, addDealCountsInTx } from '../deals/public'
import { settleGroupOf } from './group'
import { notifyUser } from '../../server/notify'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { cryptoRandomBytes } from '../../server/ids'
import type { Db } from '../../server/platform/cloudbase'
import type { PaymentSucceeded } from '../payments/gateway/types'
import { refundPayment } from '../payments/public'
import { countOrderCommission, onOrderPaid } from '../promoters/hooks'
import { paidOrderOf } from './paid-order'
import { shippingDue } from '@core/orders/shipping'
import { maskName } from './mask-name'
export { maskName }
import { codesOfOrder, ensureCodes } from '../redemption/public'
import { buyerTotalsOf, LIVE_ORDER_STATES, liveUnitsOfOrder } from '@core/deals/counts'
import { ORDERS, type OrderDoc } from './collections'

/** What other contexts may ask the orders context. */

export async function getOrderDoc(db: Db, id: string): Promise<OrderDoc | null> {
  return ((await db.collection(ORDERS).doc(id).get()).data[0] as OrderDoc | undefined) ?? null
}

export async function payableOrder(db: Db, id: string, buyer: string): Promise<OrderDoc | 'missing' | 'not_payable'> {
  const order = (await db.collection(ORDERS).where({ _id: id, buyer }).limit(1).get()).data[0] as OrderDoc | undefined
  if (!order) return 'missing'
  return order.status === 'pending_payment' ? order : 'not_payable'
}

/**
 * pending_payment -> paid with the codes chosen in the same compare-and-set; then make sure the code documents
 * exist. Every delivery of the same payment ends in the same state; only the first moves the order.
 * A payment for an order that was already closed is refunded in full ('retry' if that refund is not yet confirmed).
 * The order is read inside the paid transaction (no read before it); once it is known and its amount matches,
 * `record` writes the payment record. 'missing' / 'mismatch': nothing was written.
 */
export async function applyPayment(ctx: Ctx, ev: PaymentSucceeded, record: () => Promise<void>): Promise<'applied' | 'replay' | 'late_refunded' | 'retry' | 'missing' | 'mismatch'> {
  const now = ctx.now()
  // Drawn once, on the transaction's first run, and kept across its retries.
  const codes: string[] = []
  // The order moves with its buyer's units, and records what it owes the deal's counters (已售, 接龙, the
  // group) in the same transaction: no document here is shared with another buyer's payment, so a burst of
  // payments on one deal does not queue on the deal (countDeal below pays the debt exactly once). The move carries
  // its audit event (order.paid / order.grouping on the order's events, which the timeline reads).
  const read = await inTransaction(ctx.db, async (tx) => {
    const o = await txGet<OrderDoc>(tx, ORDERS, ev.orderId)
    if (!o || o.amountFen !== ev.amountFen || o.status !== 'pending_payment') return { o, won: null }
    while (codes.length < o.qty) codes.push(generateRedemptionCode(cryptoRandomBytes))
    const to: 'grouping' | 'paid' = o.grouped ? 'grouping' : 'paid'
    const buyers = await addBuyerUnitsInTx(tx, o.dealId, o.buyer, o.qty)
    const dealCountDue = { units: o.qty, buyers }
    // shipping: the 发货信息 outbox (orders/shipping.ts), written by the same compare-and-set, so no paid order lacks it.
    await txUpdate(tx, ORDERS, o._id, {
      status: to, paidAt: new Date(ev.paidAt), transactionId: ev.transactionId, codes, shipping: shippingDue(now), updatedAt: new Date(now), dealCountDue,
      ...auditInto(ctx, { entity: 'order', entityId: o._id, orderId: o._id, action: `order.${to}`, from: 'pending_payment', to, detail: { transactionId: ev.transactionId, amountFen: ev.amountFen } }),
    })
    return { o, won: { to, dealCountDue } }
  })
  const order = read.o
  if (!order) return 'missing'
  if (order.amountFen !== ev.amountFen) {
    console.error(`[payments.notify] amount mismatch on ${order._id}: order ${order.amountFen}, paid ${ev.amountFen}`)
    return 'mismatch'
  }
  await record()
  let current = order
  let outcome: 'applied' | 'replay' = 'replay'
  if (read.won) {
    const { to, dealCountDue } = read.won
    outcome = 'applied'
    current = { ...order, status: to, codes, transactionId: ev.transactionId, paidAt: new Date(ev.paidAt), dealCountDue }
    const body = to === 'grouping' ? `${order.dealTitle} ×${order.qty}，拼团中，成团后券码可用` : `${order.dealTitle} ×${order.qty}，券码已发放`
    await notifyUser(ctx.db, `paid:${order._id}`, { to: order.buyer, kind: 'paid', title: '支付成功', body, page: `/pages/order/index?id=${order._id}` }, now)
  }

  if (current.status === 'closed') {
    const ok = await refundPayment(ctx.db, { orderId: order._id, refundNo: `L${order._id}`, totalFen: order.amountFen, refundFen: order.amountFen, now })
    if (!ok) return 'retry'
    const first = await updatedCount(
      ctx.db.collection(ORDERS).where({ _id: order._id, status: 'closed', refundedFen: 0 }).update({ refundedFen: order.amountFen, transactionId: ev.transactionId, updatedAt: new Date(now) }),
    )
    if (first === 1) await audit(ctx, { entity: 'order', entityId: order._id, orderId: order._id, action: 'order.late_payment_refunded', detail: { amountFen: order.amountFen } })
    return 'late_refunded'
  }
  if (current.codes.length === 0) return 'retry'

  const paid = paidOrderOf(current, now)
  // Commission lines before codes: no unit can be refunded or redeemed before its line exists.
  await onOrderPaid(ctx.db, paid)
  await issueCodes(ctx, current)
  // The buyer has their codes; the deal's counters may still queue behind other payments. If that runs out of
  // time the callback fails, WeChat delivers it again, and the replay pays what is still due.
  if (current.dealCountDue) await countDeal(ctx.db, current._id, current.dealId)
  if (current.status === 'grouping') await settleGroupOf(ctx, current.dealId)
  // Apart from the deal's counters: one transaction over both hot documents (the deal, the promoter) made more of
  // a burst of payments through one share wait for WeChat's retry (bench/roundtrips says by how much).
  await countOrderCommission(ctx.db, paid)
  return outcome
}

/** Moves the deal's counters by what the order still owes them, once: the debt is cleared in the same transaction. */
async function countDeal(db: Db, orderId: string, dealId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const due = (await txGet<OrderDoc>(tx, ORDERS, orderId))?.dealCountDue
    if (!due) return
    await txUpdate(tx, ORDERS, orderId, { dealCountDue: null })
    await addDealCountsInTx(tx, db, dealId, due)
  })
}

async function issueCodes(ctx: Ctx, order: OrderDoc): Promise<void> {
  let codes = order.codes
  for (let round = 0; round < 5; round++) {
    const collided = await ensureCodes(
      ctx.db,
      { orderId: order._id, dealId: order.dealId, shopId: order.shopId, buyer: order.buyer, unitPriceFen: order.unitPriceFen, validStart: order.validStart, validEnd: order.validEnd, codes, groupLocked: order.status === 'grouping', lined: order.promoter != null },
      ctx.now(),
    )
    if (collided.length === 0) return
    // Another order already owns one of these codes (1 in 2^60 per pair): redraw just those, compare-and-set on the list.
    const replaced = codes.map((c) => (collided.includes(c) ? generateRedemptionCode(cryptoRandomBytes) : c))
    const _ = ctx.db.command
    if ((await updatedCount(ctx.db.collection(ORDERS).where({ _id: order._id, codes: _.eq(codes) }).update({ codes: replaced }))) === 1) codes = replaced
    else codes = (await getOrderDoc(ctx.db, order._id))?.codes ?? codes
  }
  throw new Error(`could not issue codes for ${order._id}`)
}

export { closeExpiredOrders } from './close-expired'
export { refundExpiredCodes, retryStuckRefunds } from './refund-expired'
export { remindExpiringCodes } from './remind-expiring'
export { uploadDueShipping } from './shipping'
export { reopenOrder, settleOrderState } from './refund-codes'

/** What the shop's money reads of an order paid (core/shops/money: 收入 is the amount, on the day of payment). */
export interface PaidOrderFact {
  orderId: string
  dealTitle: string
  qty: number
  /** Of qty, the units not refunded (core/deals/counts): what the dashboard counts as sold. */
  liveUnits: number
  amountFen: number
  paidAt: number
}

/** Orders of a shop paid within [from, to), oldest first: the dashboard's and the settlement export's 收入. */
export async function paidOrdersOfShop(db: Db, shopId: string, from: number, to: number): Promise<PaidOrderFact[]> {
  const _ = db.command
  const out: PaidOrderFact[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = (
      await db
        .collection(ORDERS)
        .where({ shopId, paidAt: _.gte(new Date(from)).and(_.lt(new Date(to))) })
        .orderBy('paidAt', 'asc')
        .skip(skip)
        .limit(1000)
        .field({ _id: true, dealTitle: true, qty: true, amountFen: true, paidAt: true, refundedFen: true, refundedUnits: true, unitPriceFen: true })
        .get()
    ).data as Pick<OrderDoc, '_id' | 'dealTitle' | 'qty' | 'amountFen' | 'paidAt' | 'refundedFen' | 'refundedUnits' | 'unitPriceFen'>[]
    out.push(...page.map((o) => ({ orderId: o._id, dealTitle: o.dealTitle, qty: o.qty, liveUnits: liveUnitsOfOrder(o), amountFen: o.amountFen, paidAt: +(o.paidAt ?? 0) })))
    if (page.length < 1000) return out
  }
}

/** The deal title each order was bought under, for rows that know only the order (codes, commission lines). */
export async function dealTitlesOfOrders(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
  const _ = db.command
  const ids = [...new Set(orderIds)]
  const out = new Map<string, string>()
  const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_c, i) => ids.slice(i * 100, i * 100 + 100))
  const pages = await Promise.all(
    chunks.map((chunk) => db.collection(ORDERS).where({ _id: _.in(chunk) }).limit(chunk.length).field({ _id: true, dealTitle: true }).get()),
  )
  for (const page of pages) for (const o of page.data as Pick<OrderDoc, '_id' | 'dealTitle'>[]) out.set(o._id, o.dealTitle)
  return out
}

/** The deal's buyer list (接龙): newest live orders first, masked, each with its units not refunded. */
export async function liveOrdersOfDeal(db: Db, dealId: string, limit: number) {
  const _ = db.command
  const page = await db.collection(ORDERS).where({ dealId, status: _.in([...LIVE_ORDER_STATES]) }).orderBy('paidAt', 'desc').limit(limit)
    .field({ nickname: true, qty: true, refundedFen: true, refundedUnits: true, unitPriceFen: true, paidAt: true }).get()
  return (page.data as OrderDoc[])
    .map((o) => ({ name: maskName(o.nickname), units: liveUnitsOfOrder(o), at: +(o.paidAt ?? 0) }))
    .filter((i) => i.units > 0)
}

/**
 * One WeChat group's buyers of a deal (本群 N 人): its live orders, counted by the same definition as the deal's
 * counters (core/deals/counts). A chat's orders are few; the whole deal's totals come from the counters instead.
 */
export async function chatBuyersOfDeal(db: Db, dealId: string, groupId: string, limit: number) {
  const _ = db.command
  const orders = (
    await db.collection(ORDERS).where({ dealId, groupId, status: _.in([...LIVE_ORDER_STATES]) }).orderBy('paidAt', 'desc').limit(1000)
      .field({ buyer: true, nickname: true, qty: true, refundedFen: true, refundedUnits: true, unitPriceFen: true, paidAt: true }).get()
  ).data as OrderDoc[]
  const items = orders.map((o) => ({ name: maskName(o.nickname), units: liveUnitsOfOrder(o), at: +(o.paidAt ?? 0) })).filter((i) => i.units > 0)
  return { ...buyerTotalsOf(orders), items: items.slice(0, limit) }
}

/** Whether the caller's order has at least one redeemed code: the condition of a verified review. */
export async function reviewableOrder(db: Db, orderId: string, buyer: string): Promise<OrderDoc | 'missing' | 'not_redeemed'> {
  const order = (await db.collection(ORDERS).where({ _id: orderId, buyer }).limit(1).get()).data[0] as OrderDoc | undefined
  if (!order) return 'missing'
  const codes = await codesOfOrder(db, orderId)
  return codes.some((c) => c.status === 'redeemed') ? order : 'not_redeemed'
}
export { settleGroupOf, settleDueGroups } from './group'

/** Paid units not refunded of every buyer of a deal, from its orders (core/deals/counts): what its counters must say. */
export async function liveUnitsByBuyer(db: Db, dealId: string): Promise<Map<string, number>> {
  const _ = db.command
  const out = new Map<string, number>()
  for (let skip = 0; ; skip += 1000) {
    const page = (
      await db.collection(ORDERS).where({ dealId, status: _.in([...LIVE_ORDER_STATES]) }).orderBy('_id', 'asc').skip(skip).limit(1000)
        .field({ buyer: true, qty: true, refundedFen: true, refundedUnits: true, unitPriceFen: true }).get()
    ).data as OrderDoc[]
    for (const o of page) out.set(o.buyer, (out.get(o.buyer) ?? 0) + liveUnitsOfOrder(o))
    if (page.length < 1000) return out
  }
}

export { bookSettledRefund, refundNotRecordedYet } from './refund-settled'
