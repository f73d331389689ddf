import type { Output } from '@core/contracts'
import type { Ctx } from '../../server/context'
import { isPlatformAdmin } from '../../server/platform/admins'
import { getShops, membershipsOf } from './public'
import { isPromoter } from '../promoters/public'

export async function me(ctx: Ctx): Promise<Output<'shops', 'me'>> {
  const openid = ctx.caller.openid
  if (!openid) return { openid: null, isAdmin: false, memberships: [], promoter: false }
  const members = await membershipsOf(ctx.db, openid)
  const shops = await getShops(ctx.db, members.map((m) => m.shopId))
  return {
    openid,
    isAdmin: isPlatformAdmin(openid),
    memberships: members.map((m) => ({ shopId: m.shopId, shopName: shops.get(m.shopId)?.name ?? '', role: m.role })),
    promoter: await isPromoter(ctx.db, openid),
  }
}
