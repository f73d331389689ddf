import { refusalCode, retryDelayMs, SHIPPING_LEASE_MS, shippedState, shippingBody, type ShippingRecord } from '@core/orders/shipping'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { wechatShipping, type ShippingPlatform } from '../../server/platform/shipping'
import { ORDERS, type OrderDoc } from './collections'

/**
 * 发货信息: every paid order's shipping info reaches WeChat once (core/orders/shipping). The paid compare-and-set
 * marks the order `shipping: due` in the transaction it already writes (applyPayment); this timer job does the rest.
 * Each attempt is started by a compare-and-set on (state, attempts), so duplicate payment callbacks and timers
 * running twice at once start it once; an attempt that crashed is taken over only after its lease, and the next
 * attempt reads WeChat's record before uploading.
 */
type Outcome = 'accepted' | 'refused' | 'skipped' | 'unknown' | 'busy'
export type ShippingRun = Record<Outcome, number>

/** Orders whose codes are usable (or were): a group still forming has delivered nothing yet. */
const SHIPPABLE = ['paid', 'completed', 'refunded']
const OPEN: ShippingRecord['state'][] = ['due', 'refused', 'sending']

export async function uploadDueShipping(ctx: Ctx, platform: ShippingPlatform = wechatShipping, batch = 50): Promise<ShippingRun> {
  const _ = ctx.db.command
  const now = ctx.now()
  const due = (
    await ctx.db.collection(ORDERS)
      .where({ 'shipping.state': _.in(OPEN), status: _.in(SHIPPABLE), 'shipping.nextAt': _.lte(new Date(now)) })
      .limit(batch)
      .field({ _id: true, status: true, buyer: true, transactionId: true, dealTitle: true, qty: true, shipping: true })
      .get()
  ).data as OrderDoc[]
  const run: ShippingRun = { accepted: 0, refused: 0, skipped: 0, unknown: 0, busy: 0 }
  for (const o of due) run[await shipOrder(ctx, platform, o)]++
  return run
}

type Finish = { state: 'accepted' | 'refused' | 'skipped'; code: string | null; uncertain: boolean; uploadTime?: string | null }

/** One attempt on one order. Exported for the tests that interleave attempts. */
export async function shipOrder(ctx: Ctx, platform: ShippingPlatform, o: OrderDoc): Promise<Outcome> {
  const rec = o.shipping
  if (!rec || !o.transactionId) return 'busy'
  const now = ctx.now()
  const attempt = rec.attempts + 1
  // A crash from here on leaves `uncertain` for the next attempt, which then asks WeChat before uploading.
  const claimed = await updatedCount(
    ctx.db.collection(ORDERS).where({ _id: o._id, 'shipping.state': rec.state, 'shipping.attempts': rec.attempts }).update({
      'shipping.state': 'sending',
      'shipping.attempts': attempt,
      'shipping.uncertain': true,
      'shipping.nextAt': new Date(now + SHIPPING_LEASE_MS),
    }),
  )
  if (claimed !== 1) return 'busy'
  const mustAsk = rec.uncertain || rec.state === 'sending'
  const result = await attemptShipping(platform, o, mustAsk, now)
  const done = await updatedCount(
    ctx.db.collection(ORDERS).where({ _id: o._id, 'shipping.state': 'sending', 'shipping.attempts': attempt }).update({
      'shipping.state': result.state,
      'shipping.uncertain': result.uncertain,
      'shipping.lastCode': result.code,
      'shipping.nextAt': new Date(now + retryDelayMs(attempt)),
      ...(result.state === 'accepted' ? { 'shipping.acceptedAt': new Date(now), 'shipping.uploadTime': result.uploadTime ?? null } : {}),
    }),
  )
  // Lost the lease (this attempt outlived it): the attempt that took over records the outcome, reading WeChat's record.
  if (done !== 1) return 'busy'
  const action = result.state === 'accepted' ? 'order.shipping_uploaded' : result.state === 'skipped' ? 'order.shipping_skipped' : 'order.shipping_refused'
  await audit(ctx, { entity: 'order', entityId: o._id, orderId: o._id, action, from: 'sending', to: result.state, detail: { attempt, code: result.code } })
  return result.state === 'refused' && result.code === NO_ANSWER ? 'unknown' : result.state
}

const NO_ANSWER = 'SHIPPING_NO_ANSWER'

async function attemptShipping(platform: ShippingPlatform, o: OrderDoc, mustAsk: boolean, now: number): Promise<Finish> {
  const txId = o.transactionId as string
  try {
    if (mustAsk) {
      const q = await platform.getOrder(txId)
      if (q.errcode === 0 && 'orderState' in q) {
        const at = shippedState(q.orderState)
        if (at === 'shipped') return { state: 'accepted', code: null, uncertain: false }
        if (at === 'refunded') return { state: 'skipped', code: 'SHIPPING_REFUNDED', uncertain: false }
      } else if (q.errcode !== 10060001) {
        return { state: 'refused', code: refusalCode(q.errcode).code, uncertain: true }
      }
      // Not shipped at WeChat (or WeChat does not know the payment yet): the earlier attempt never landed.
    }
    if (o.status === 'refunded') return { state: 'skipped', code: 'SHIPPING_REFUNDED', uncertain: false }
    const body = shippingBody({ transactionId: txId, payerOpenid: o.buyer, dealTitle: o.dealTitle, qty: o.qty }, now)
    const answer = await platform.upload(body)
    if (answer.errcode === 0) return { state: 'accepted', code: null, uncertain: false, uploadTime: body.upload_time }
    const refused = refusalCode(answer.errcode)
    return { state: 'refused', code: refused.code, uncertain: refused.askFirst }
  } catch (e) {
    console.error(`[shipping] no answer for ${o._id}`, e)
    return { state: 'refused', code: NO_ANSWER, uncertain: true }
  }
}
