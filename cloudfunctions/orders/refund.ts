import type { Input, Output } from '@core/contracts'
import { normalizeCode } from '@core/codes/redemption-code'
import { AppError } from '@core/result'
import { requireUser, type Ctx } from '../../server/context'
import { codesOfOrder } from '../redemption/public'
import { claimCode, finishCodeRefund } from './refund-codes'
import { toOrderView } from './views'
import { readOrder, settleFromCodes, timelineOf } from './with-codes'

/**
 * 随时退. The whole request is checked before anything moves: one redeemed or foreign code refuses all of it.
 * Codes already refunding/refunded are accepted again (a retried request is not an error).
 */
export async function refundCodes(ctx: Ctx, input: Input<'orders', 'refund'>): Promise<Output<'orders', 'refund'>> {
  const buyer = requireUser(ctx)
  // The order and its codes in one read; ownership is part of it (someone else's order reads as missing).
  const read = await readOrder(ctx, input.orderId, { buyer })
  if (!read) throw new AppError('ORDER_NOT_FOUND')
  const order = read.order
  const wanted = [...new Set(input.codes.map(normalizeCode))]
  const codes = new Map(read.codes.map((c) => [c._id, c]))
  for (const code of wanted) {
    const c = codes.get(code)
    if (!c) throw new AppError('CODE_NOT_FOUND')
    if (c.status === 'redeemed') throw new AppError('CODE_ALREADY_REDEEMED')
  }
  // Codes this call claimed: no refund of theirs can exist yet (its number is the code's), so none is looked for.
  const claimed = new Set<string>()
  for (const code of wanted) {
    const c = codes.get(code)!
    if (c.status !== 'unused') continue
    if (await claimCode(ctx, order, code, 'buyer')) claimed.add(code)
    else {
      // Lost a race since we read it: a redemption got there first.
      const now = (await codesOfOrder(ctx.db, order._id)).find((x) => x._id === code)
      if (now?.status === 'redeemed') throw new AppError('CODE_ALREADY_REDEEMED')
    }
  }
  for (const code of wanted) if (codes.get(code)!.status !== 'refunded') await finishCodeRefund(ctx, order, code, claimed.has(code))
  // One read after every move settles the order's state from its codes and is the page the buyer sees.
  const after = (await readOrder(ctx, order._id, { buyer, timeline: true })) ?? read
  const settled = await settleFromCodes(ctx, order._id, after.codes.map((c) => c.status))
  if (settled) {
    // What that read could not see yet: the move just made, and its audit event.
    after.order = { ...after.order, status: settled }
    after.timeline = [...after.timeline, ...timelineOf({}, [{ at: new Date(ctx.now()), action: `order.${settled}` }])]
  }
  return toOrderView(after.order, after.codes, after.timeline, ctx.now())
}
