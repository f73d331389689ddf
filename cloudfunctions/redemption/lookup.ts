import { isWellFormedCode, normalizeCode } from '@core/codes/redemption-code'
import type { CodePreview } from '@core/contracts/views'
import type { Ctx } from '../../server/context'
import { getDealDoc } from '../deals/public'
import { getOrderDoc } from '../orders/public'
import { CODES, type CodeDoc } from './collections'
import { codesOfOrder } from './public'

/** A code of one of `shopIds`, or null: another shop's code is never read, so it cannot leak. */
export async function findShopCode(ctx: Ctx, raw: string, shopIds: string[]): Promise<CodeDoc | null> {
  const code = normalizeCode(raw)
  if (!isWellFormedCode(code)) return null
  const _ = ctx.db.command
  const res = await ctx.db.collection(CODES).where({ _id: code, shopId: _.in(shopIds) }).limit(1).get()
  return (res.data[0] as CodeDoc | undefined) ?? null
}

export function maskPhone(phone: string | null): string {
  if (!phone) return '微信用户'
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export async function toPreview(ctx: Ctx, c: CodeDoc, me: string): Promise<CodePreview> {
  const [deal, order, siblings] = await Promise.all([getDealDoc(ctx.db, c.dealId), getOrderDoc(ctx.db, c.orderId), codesOfOrder(ctx.db, c.orderId)])
  return {
    code: c._id,
    state: c.status,
    dealTitle: deal?.title ?? '',
    unitPriceFen: c.unitPriceFen,
    buyerMasked: maskPhone(order?.phone ?? null),
    validStart: +c.validStart,
    validEnd: +c.validEnd,
    orderCodes: siblings.map((s) => ({ code: s._id, state: s.status })),
    unitsLeftOnOrder: siblings.filter((s) => s.status === 'unused').length,
    redeemedAt: c.redeemedAt ? +c.redeemedAt : null,
    redeemedByMe: c.redeemedBy === me,
  }
}
