import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { stableId } from '../../server/ids'
import { getDealDoc, releaseStock, reserveStock, whyNotReservable } from '../deals/public'
import { attributeOrder } from '../promoters/public'
import { getShops } from '../shops/public'
import { returnUnits, takeUnits } from './buyer-units'
import { ORDERS, PAY_WINDOW_MS, type OrderDoc } from './collections'
import { loadOrderView } from './load-view'

type Place = Input<'orders', 'place'>

/**
 * Checkout. Idempotent by construction: the order id derives from (buyer, idempotencyKey), so a retry either
 * finds the first order or loses the insert race to it. Stock is taken first, in one conditional update; any
 * later refusal gives it back, so a failed checkout changes nothing.
 */
export async function placeOrder(ctx: Ctx, input: Place): Promise<Output<'orders', 'place'>> {
  const buyer = requireUser(ctx)
  const id = stableId('o', buyer, input.idempotencyKey)
  const now = ctx.now()

  const deal = await reserveStock(ctx.db, input.dealId, input.qty, now)
  if (!deal) {
    const first = await existingOrder(ctx, id, input)
    if (first) return first
    throw new AppError(whyNotReservable(await getDealDoc(ctx.db, input.dealId), input.qty, now))
  }

  const [shops, unitsOk, promoter] = await Promise.all([
    getShops(ctx.db, [deal.shopId]),
    takeUnits(ctx.db, deal._id, buyer, input.qty, deal.perUserLimit),
    attributeOrder(ctx.db, { dealId: deal._id, buyer, shareCode: input.shareCode ?? null, now }),
  ])
  const shop = shops.get(deal.shopId)
  if (!unitsOk || !shop || shop.status !== 'active') {
    await releaseStock(ctx.db, deal._id, input.qty)
    if (unitsOk) await returnUnits(ctx.db, deal._id, buyer, input.qty)
    const first = await existingOrder(ctx, id, input)
    if (first) return first
    throw new AppError(unitsOk ? 'SHOP_PAUSED' : 'OVER_LIMIT')
  }

  const order: OrderDoc = {
    _id: id,
    buyer,
    idempotencyKey: input.idempotencyKey,
    dealId: deal._id,
    shopId: deal.shopId,
    dealTitle: deal.title,
    cover: deal.images[0] ?? '',
    shopName: shop.name,
    qty: input.qty,
    unitPriceFen: deal.priceFen,
    amountFen: deal.priceFen * input.qty,
    refundedFen: 0,
    status: 'pending_payment',
    phone: input.phone ?? null,
    shareCode: input.shareCode ?? null,
    promoter,
    commissionBps: deal.commissionBps,
    grouped: deal.groupMin > 0 && deal.groupStatus === 'forming',
    groupId: input.groupId ?? null,
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
  }
  try {
    checked(await ctx.db.collection(ORDERS).add(order))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    // A concurrent retry of the same checkout created the order first: undo our reservation, answer with theirs.
    await releaseStock(ctx.db, deal._id, input.qty)
    await returnUnits(ctx.db, deal._id, buyer, input.qty)
    const first = await existingOrder(ctx, id, input)
    if (first) return first
    throw e
  }
  await audit(ctx, { entity: 'order', entityId: id, orderId: id, action: 'order.placed', to: 'pending_payment', detail: { qty: input.qty, amountFen: order.amountFen } })
  return loadOrderView(ctx, order)
}

async function existingOrder(ctx: Ctx, id: string, input: Place): Promise<Output<'orders', 'place'> | null> {
  const doc = (await ctx.db.collection(ORDERS).doc(id).get()).data[0] as OrderDoc | undefined
  if (!doc) return null
  if (doc.dealId !== input.dealId || doc.qty !== input.qty) throw new AppError('IDEMPOTENCY_CONFLICT')
  return loadOrderView(ctx, doc)
}
