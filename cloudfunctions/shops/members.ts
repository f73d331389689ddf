import type { Input, Output } from '@core/contracts'
import type { MemberView } from '@core/contracts/views'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { requireShopRole } from './access'
import { memberId, SHOP_MEMBERS, type MemberDoc } from './collections'

export function toMemberView(m: MemberDoc): MemberView {
  return { openid: m.openid, name: m.name, role: m.role, joinedAt: +m.createdAt }
}

async function listMembers(ctx: Ctx, shopId: string): Promise<MemberView[]> {
  const res = await ctx.db.collection(SHOP_MEMBERS).where({ shopId }).orderBy('createdAt', 'asc').limit(200).get()
  return (res.data as MemberDoc[]).map(toMemberView)
}

export async function members(ctx: Ctx, input: Input<'shops', 'members'>): Promise<Output<'shops', 'members'>> {
  await requireShopRole(ctx, input.shopId, ['owner', 'staff'])
  return listMembers(ctx, input.shopId)
}

export async function removeStaff(ctx: Ctx, input: Input<'shops', 'removeStaff'>): Promise<Output<'shops', 'removeStaff'>> {
  await requireShopRole(ctx, input.shopId, ['owner'])
  const id = memberId(input.shopId, input.openid)
  const m = (await ctx.db.collection(SHOP_MEMBERS).doc(id).get()).data[0] as MemberDoc | undefined
  if (!m) throw new AppError('MEMBER_NOT_FOUND')
  if (m.role === 'owner') throw new AppError('CANNOT_REMOVE_OWNER')
  checked(await ctx.db.collection(SHOP_MEMBERS).where({ _id: id, role: 'staff' }).remove())
  await audit(ctx, { entity: 'shop', entityId: input.shopId, action: 'shop.staff_removed', detail: { openid: input.openid, name: m.name } })
  return listMembers(ctx, input.shopId)
}
