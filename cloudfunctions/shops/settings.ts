import type { Input, Output } from '@core/contracts'
import type { ShopSettings } from '@core/contracts/views'
import { AppError } from '@core/result'
import { DEFAULT_STAFF_SEE_REVENUE } from '@core/shops/staff-access'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { updatedCount } from '../../server/db'
import { requireShopRole } from './access'
import { SHOPS, type ShopDoc } from './collections'
import { getShops } from './public'

const settingsOf = (s: ShopDoc): ShopSettings => ({ staffSeeRevenue: s.staffSeeRevenue ?? DEFAULT_STAFF_SEE_REVENUE })

async function readSettings(ctx: Ctx, shopId: string): Promise<ShopSettings> {
  const shop = (await getShops(ctx.db, [shopId])).get(shopId)
  if (!shop) throw new AppError('SHOP_NOT_FOUND')
  return settingsOf(shop)
}

export async function shopSettings(ctx: Ctx, input: Input<'shops', 'settings'>): Promise<Output<'shops', 'settings'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  return readSettings(ctx, input.shopId)
}

/**
 * Compare-and-set on the effective value (absent is off): only a call that changes it writes, and only a change is
 * audited.
 */
export async function updateSettings(ctx: Ctx, input: Input<'shops', 'updateSettings'>): Promise<Output<'shops', 'updateSettings'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const to = input.staffSeeRevenue
  const _ = ctx.db.command
  const was = to ? _.neq(true) : true
  const moved = await updatedCount(ctx.db.collection(SHOPS).where({ _id: input.shopId, staffSeeRevenue: was }).update({ staffSeeRevenue: to }))
  if (moved === 1) {
    await audit(ctx, { entity: 'shop', entityId: input.shopId, action: 'shop.staff_see_revenue', from: String(!to), to: String(to) })
  }
  return readSettings(ctx, input.shopId)
}
