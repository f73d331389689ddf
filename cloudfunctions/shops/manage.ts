import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { randomId } from '../../server/ids'
import { requireAdmin, requireShopRole } from './access'
import { SHOPS, type ShopDoc } from './collections'
import { createInvite } from './invites'
import { getShops, toShopBrief } from './public'

export async function createShop(ctx: Ctx, input: Input<'shops', 'create'>): Promise<Output<'shops', 'create'>> {
  const admin = requireAdmin(ctx)
  const shop: ShopDoc = {
    _id: randomId('shop_', 8),
    name: input.name,
    address: input.address,
    phone: input.phone,
    hours: input.hours,
    location: input.location ?? null,
    ownerOpenid: '',
    status: 'active',
    createdAt: new Date(ctx.now()),
  }
  checked(await ctx.db.collection(SHOPS).add(shop))
  const ownerInvite = await createInvite(ctx, shop._id, 'owner', admin)
  await audit(ctx, { entity: 'shop', entityId: shop._id, action: 'shop.created', to: 'active', detail: { name: shop.name } })
  return { shop: toShopBrief(shop), ownerInvite }
}

export async function updateShop(ctx: Ctx, input: Input<'shops', 'update'>): Promise<Output<'shops', 'update'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const { shopId, promoterPolicy, ...fields } = input
  const _ = ctx.db.command
  // A location replaces the whole object (a dotted merge into a null location would fail); policy fields merge
  // one by one, so setting the hold days keeps the approval switch.
  const patch: Record<string, unknown> = Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, k === 'location' && v ? _.set(v) : v]),
  )
  for (const [k, v] of Object.entries(promoterPolicy ?? {})) if (v !== undefined) patch[`promoterPolicy.${k}`] = v
  if (Object.keys(patch).length > 0) {
    checked(await ctx.db.collection(SHOPS).doc(shopId).update(patch))
    await audit(ctx, { entity: 'shop', entityId: shopId, action: 'shop.updated', detail: { fields: Object.keys(patch) } })
  }
  const shop = (await getShops(ctx.db, [shopId])).get(shopId)
  if (!shop) throw new AppError('SHOP_NOT_FOUND')
  return toShopBrief(shop)
}
