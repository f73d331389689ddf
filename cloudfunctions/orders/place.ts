import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { auditRecord } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { randomId, stableId } from '../../server/ids'
import { checkoutDeal, releaseHold, takeStock, whyNotReservable } from '../deals/public'
import { onOrderPlaced } from '../promoters/hooks'
import { attributeOrder, bindingRef, shareRef, type BindingDoc, type ShareDoc } from '../promoters/public'
import { shopJoin, type ShopDoc } from '../shops/public'
import { policyOf } from '@core/promoters/policy'
import { groupRefOf, resolveGroup } from '../../server/platform/groups'
import { returnCheckoutUnits, takeUnits } from './buyer-units'
import { ORDERS, PAY_WINDOW_MS, type OrderDoc } from './collections'
import { TIMELINE_LABELS } from '@core/orders/timeline'
import { loadOrderView } from './load-view'
import { toOrderView } from './views'

type Place = Input<'orders', 'place'>

/**
 * Checkout. Idempotent by construction: the order id derives from (buyer, idempotencyKey), so a retry either
 * finds the first order or loses the insert race to it. Stock is taken first, in one conditional update that
 * also leaves a hold naming the order; any later refusal gives it back, so a failed checkout changes nothing,
 * and a checkout that dies before its order is written leaves the hold for the close timer to give back.
 *
 * Trips: the take and one read go together: the deal (with this checkout's own hold only) and, in the same aggregate,
 * this checkout's order if an earlier attempt wrote it, the buyer's promoter binding, the share of the link's code, the
 * stored answer for the page's WeChat group and the deal's shop. A refusal is explained by that read (2 trips), a retry
 * finds its order there whenever it comes. The order carries its order.placed audit event, its hold stays on the deal
 * for the close timer to clear, in batches (orders/close-expired), and an attributed order's 下单 is one write to its
 * share (promoters/hooks onOrderPlaced).
 */
export async function placeOrder(ctx: Ctx, input: Place): Promise<Output<'orders', 'place'>> {
  const buyer = requireUser(ctx)
  const id = stableId('o', buyer, input.idempotencyKey)
  const now = ctx.now()

  const hold = { orderId: id, buyer, qty: input.qty, token: randomId('h', 6) }
  const shareCode = input.shareCode ?? null
  const read = async () => {
    const refs: Parameters<typeof checkoutDeal>[3] = { order: { from: ORDERS, id }, binding: bindingRef(input.dealId, buyer), shop: shopJoin }
    if (shareCode) refs.share = shareRef(shareCode)
    if (input.groupCloudID) refs.group = groupRefOf(input.groupCloudID)
    const { deal, also } = await checkoutDeal(ctx.db, input.dealId, id, refs)
    return {
      deal, written: also.order as OrderDoc | null, binding: also.binding as BindingDoc | null, shop: also.shop as ShopDoc | null,
      share: also.share as ShareDoc | null | undefined, group: also.group as { groupId: string } | null | undefined,
    }
  }
  const [taken, seen] = await Promise.all([takeStock(ctx.db, input.dealId, hold, now), read()])
  let { deal, written, binding, shop, share, group } = seen
  // The read may have run before a take that emptied the stock (or before this checkout's other attempt held units):
  // then it still says "on sale", and is read again.
  if (!taken && !written && deal && !deal.holds?.[id] && whyNotReservable(deal, input.qty, now) === 'DEAL_NOT_ON_SALE') ({ deal, written, binding, shop, share, group } = await read())
  if (written) {
    // An earlier attempt of this checkout wrote its order: that is the answer, and units this attempt took go back.
    if (taken) await releaseHold(ctx.db, input.dealId, id, hold.token, input.qty)
    return answerWith(ctx, written, input)
  }
  if (!taken) {
    const held = deal?.holds?.[id]
    if (!deal || !held) throw new AppError(whyNotReservable(deal, input.qty, now))
    // Another attempt of this checkout holds units and has not written its order yet: carry on with them.
    if (held.qty !== input.qty) throw new AppError('IDEMPOTENCY_CONFLICT')
    hold.token = held.token
  }
  if (!deal) throw new Error(`deal ${input.dealId} took stock but cannot be read`)

  const d = deal
  const [unitsOk, groupId] = await Promise.all([takeUnits(ctx.db, d._id, buyer, id, input.qty, d.perUserLimit), resolveGroup(ctx.db, input.groupCloudID, input.groupCloudID ? group ?? null : undefined)])
  const promoter = await attributeOrder(ctx.db, {
    dealId: d._id, shopId: d.shopId, buyer, shareCode, groupId, now, policy: policyOf(shop?.promoterPolicy), binding, share: shareCode ? share ?? null : undefined,
  })
  if (!unitsOk || !shop || shop.status !== 'active') {
    if (unitsOk) await returnCheckoutUnits(ctx.db, d._id, buyer, id, input.qty)
    await releaseHold(ctx.db, d._id, id, hold.token, input.qty)
    const first = await existingOrder(ctx, id, input)
    if (first) return first
    throw new AppError(unitsOk ? 'SHOP_PAUSED' : 'OVER_LIMIT')
  }

  const order: OrderDoc = {
    _id: id,
    buyer,
    idempotencyKey: input.idempotencyKey,
    dealId: d._id,
    shopId: d.shopId,
    dealTitle: deal.title,
    cover: deal.images[0] ?? '',
    shopName: shop.name,
    qty: input.qty,
    unitPriceFen: deal.priceFen,
    amountFen: deal.priceFen * input.qty,
    refundedFen: 0,
    refundedUnits: 0,
    status: 'pending_payment',
    phone: input.phone ?? null,
    shareCode: input.shareCode ?? null,
    promoter,
    commissionBps: deal.commissionBps,
    grouped: deal.groupMin > 0 && deal.groupStatus === 'forming',
    groupId,
    nickname: input.nickname ?? null,
    validStart: deal.validStart,
    validEnd: deal.validEnd,
    createdAt: new Date(now),
    payBefore: new Date(now + PAY_WINDOW_MS),
    paidAt: null,
    transactionId: null,
    codes: [],
    closedAt: null,
    updatedAt: new Date(now),
    hold: hold.token,
    events: [auditRecord(ctx, { entity: 'order', entityId: id, orderId: id, action: 'order.placed', to: 'pending_payment', detail: { qty: input.qty, amountFen: deal.priceFen * input.qty } })],
  }
  try {
    checked(await ctx.db.collection(ORDERS).add(order))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    // Another attempt of the same checkout wrote the order first. If it was written with this hold, the units are
    // the order's; if not, this attempt took units of its own, and they go back (the purchase limit counted the
    // order once either way).
    const written = (await ctx.db.collection(ORDERS).doc(id).get()).data[0] as OrderDoc | undefined
    if (written?.hold !== hold.token) await releaseHold(ctx.db, d._id, id, hold.token, input.qty)
    const first = await existingOrder(ctx, id, input)
    if (first) return first
    throw e
  }
  // The funnel's 下单 step (promoters' counters): the order is written, so it counts.
  if (promoter) await onOrderPlaced(ctx.db, promoter)
  // A new order has no codes and one event: its view is built here rather than read back.
  return toOrderView(order, [], [{ at: now, action: 'order.placed', label: TIMELINE_LABELS['order.placed'] }], now)
}

async function existingOrder(ctx: Ctx, id: string, input: Place): Promise<Output<'orders', 'place'> | null> {
  const doc = (await ctx.db.collection(ORDERS).doc(id).get()).data[0] as OrderDoc | undefined
  return doc ? answerWith(ctx, doc, input) : null
}

/** The answer to a retried checkout: its order, unless the retry asks for something else under the same key. */
function answerWith(ctx: Ctx, doc: OrderDoc, input: Place): Promise<Output<'orders', 'place'>> {
  if (doc.dealId !== input.dealId || doc.qty !== input.qty) throw new AppError('IDEMPOTENCY_CONFLICT')
  return loadOrderView(ctx, doc)
}
