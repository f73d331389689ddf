import type { Input, Output } from '@core/contracts'
import { normalizeCode } from '@core/codes/redemption-code'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { codesOfOrder } from '../redemption/public'
import { findOwnOrder } from './get'
import { loadOrderView } from './load-view'
import { claimCode, finishCodeRefund, settleOrderState } from './refund-codes'

/**
 * 随时退. The whole request is checked before anything moves: one redeemed or foreign code refuses all of it.
 * Codes already refunding/refunded are accepted again (a retried request is not an error).
 */
export async function refundCodes(ctx: Ctx, input: Input<'orders', 'refund'>): Promise<Output<'orders', 'refund'>> {
  const order = await findOwnOrder(ctx, input.orderId)
  const wanted = [...new Set(input.codes.map(normalizeCode))]
  const codes = new Map((await codesOfOrder(ctx.db, order._id)).map((c) => [c._id, c]))
  for (const code of wanted) {
    const c = codes.get(code)
    if (!c) throw new AppError('CODE_NOT_FOUND')
    if (c.status === 'redeemed') throw new AppError('CODE_ALREADY_REDEEMED')
  }
  for (const code of wanted) {
    const c = codes.get(code)!
    if (c.status === 'unused' && !(await claimCode(ctx, order, code, 'buyer'))) {
      // Lost a race since we read it: a redemption got there first.
      const now = (await codesOfOrder(ctx.db, order._id)).find((x) => x._id === code)
      if (now?.status === 'redeemed') throw new AppError('CODE_ALREADY_REDEEMED')
    }
  }
  for (const code of wanted) if (codes.get(code)!.status !== 'refunded') await finishCodeRefund(ctx, order, code)
  await settleOrderState(ctx, order._id)
  return loadOrderView(ctx, await findOwnOrder(ctx, order._id))
}
