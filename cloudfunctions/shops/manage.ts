import type { Input, Output } from '@core/contracts'
import { approvalTurnsOn } from '@core/promoters/policy'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { randomId } from '../../server/ids'
import { approveKnownPromoters } from '../promoters/public'
import { requireAdmin, requireShopRole } from './access'
import { geoOf, SHOPS, type ShopDoc } from './collections'
import { createInvite } from './invites'
import { getShops, promoterPolicyOf, toShopBrief } from './public'

export async function createShop(ctx: Ctx, input: Input<'shops', 'create'>): Promise<Output<'shops', 'create'>> {
  const admin = requireAdmin(ctx)
  const shop: ShopDoc = {
    _id: randomId('shop_', 8),
    name: input.name,
    address: input.address,
    phone: input.phone,
    hours: input.hours,
    location: input.location ?? null,
    geo: geoOf(input.location),
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
  if (fields.location !== undefined) patch.geo = fields.location ? _.set(geoOf(fields.location)) : null
  // Promoters the shop already works with keep earning when approval is turned on: they are approved before the
  // switch flips, so a crash in between leaves them approved under an open policy, never pending.
  const kept = promoterPolicy?.approvalRequired && approvalTurnsOn(await promoterPolicyOf(ctx.db, shopId), promoterPolicy) ? await approveKnownPromoters(ctx.db, shopId, ctx.now()) : []
  if (Object.keys(patch).length > 0) {
    checked(await ctx.db.collection(SHOPS).doc(shopId).update(patch))
    await audit(ctx, { entity: 'shop', entityId: shopId, action: 'shop.updated', detail: { fields: Object.keys(patch), ...(kept.length ? { approvedOnSwitch: kept.length } : {}) } })
  }
  await Promise.all(
    kept.map((k) =>
      audit(ctx, { entity: 'shop_promoter', entityId: `${shopId}:${k.promoter}`, action: 'promoter.approved', from: k.from, to: 'approved', detail: { reason: 'approval_turned_on' } }),
    ),
  )
  const shop = (await getShops(ctx.db, [shopId])).get(shopId)
  if (!shop) throw new AppError('SHOP_NOT_FOUND')
  return toShopBrief(shop)
}
