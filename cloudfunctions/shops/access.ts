import { AppError } from '@core/result'
import { seesShopMoney } from '@core/shops/staff-access'
import { requireUser, type Ctx } from '../../server/context'
import { isPlatformAdmin } from '../../server/platform/admins'
import { getShops, roleInShop } from './public'

/**
 * Role checks against data. A shop the caller has no role in answers SHOP_NOT_FOUND, exactly like a shop
 * that does not exist; staff asking for an owner's action get FORBIDDEN.
 */
export async function requireShopRole(ctx: Ctx, shopId: string, roles: ('owner' | 'staff')[]): Promise<string> {
  const openid = requireUser(ctx)
  const role = await roleInShop(ctx.db, shopId, openid)
  if (!role) throw new AppError('SHOP_NOT_FOUND')
  if (!roles.includes(role)) throw new AppError('FORBIDDEN')
  return openid
}

/** Owner or staff of the shop, and whether they may see its money (core/shops/staff-access). */
export async function requireShopReader(ctx: Ctx, shopId: string): Promise<{ openid: string; seesMoney: boolean }> {
  const openid = requireUser(ctx)
  const [role, shops] = await Promise.all([roleInShop(ctx.db, shopId, openid), getShops(ctx.db, [shopId])])
  if (!role) throw new AppError('SHOP_NOT_FOUND')
  return { openid, seesMoney: seesShopMoney(role, shops.get(shopId)?.staffSeeRevenue) }
}

export function requireAdmin(ctx: Ctx): string {
  const openid = requireUser(ctx)
  if (!isPlatformAdmin(openid)) throw new AppError('FORBIDDEN')
  return openid
}
