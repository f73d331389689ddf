import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { withoutMoney } from '@core/shops/staff-access'
import type { Ctx } from '../../server/context'
import { getDealDoc } from '../deals/public'
import { memberNames, requireShopReader } from '../shops/public'
import { CODES, type CodeDoc } from './collections'
import { UNDO_WINDOW_MS } from './undo'

const DAY_MS = 24 * 3600 * 1000

export async function history(ctx: Ctx, input: Input<'redemption', 'history'>): Promise<Output<'redemption', 'history'>> {
  const { seesMoney } = await requireShopReader(ctx, input.shopId)
  const _ = ctx.db.command
  const where: Record<string, unknown> = { shopId: input.shopId, status: 'redeemed' }
  if (input.day) {
    const start = Date.parse(`${input.day}T00:00:00+08:00`)
    // The pattern admits days that do not exist (9999-99-99): refuse them instead of querying an Invalid Date.
    if (Number.isNaN(start)) throw new AppError('INVALID_INPUT')
    where.redeemedAt = _.gte(new Date(start)).and(_.lt(new Date(start + DAY_MS)))
  }
  if (input.staff) where.redeemedBy = input.staff
  const codes = (await ctx.db.collection(CODES).where(where).orderBy('redeemedAt', 'desc').limit(200).get()).data as CodeDoc[]
  const members = (await ctx.db.collection('shop_members').where({ shopId: input.shopId }).limit(200).get()).data as { openid: string; name: string }[]
  const names = await memberNames(ctx.db, codes.map((c) => ({ shopId: c.shopId, openid: c.redeemedBy ?? '' })))
  const titles = new Map<string, string>()
  for (const id of new Set(codes.map((c) => c.dealId))) titles.set(id, (await getDealDoc(ctx.db, id))?.title ?? '')
  const now = ctx.now()
  const items = codes.map((c) => ({
    code: c._id,
    dealTitle: titles.get(c.dealId) ?? '',
    unitPriceFen: c.unitPriceFen,
    redeemedAt: +c.redeemedAt!,
    staffName: names.get(`${c.shopId}:${c.redeemedBy}`) ?? '已离职店员',
    undoable: +c.redeemedAt! >= now - UNDO_WINDOW_MS,
  }))
  // Prices summed over a day are the shop's money: staff the owner keeps it from get the redemptions without them.
  return { items: seesMoney ? items : items.map(withoutMoney), staff: members.map((m) => ({ openid: m.openid, name: m.name })) }
}
