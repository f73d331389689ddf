import type { Input, Output } from '@core/contracts'
import type { MemberView } from '@core/contracts/views'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import type { Ctx } from '../../server/context'
import { checked } from '../../server/db'
import { inTransaction, txGet } from '../../server/tx'
import { moveStaffShopInTx } from '../redemption/public'
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
  // With the account's list of shops, which the counter's one-write role check reads (redemption moveStaffShopInTx).
  const removed = await inTransaction(ctx.db, async (tx) => {
    if ((await txGet<MemberDoc>(tx, SHOP_MEMBERS, id))?.role !== 'staff') return false
    checked(await tx.collection(SHOP_MEMBERS).doc(id).remove())
    await moveStaffShopInTx(tx, ctx.db, input.openid, { remove: input.shopId })
    return true
  })
  // Two owners removing the same clerk at once: one removal, one event.
  if (removed) await audit(ctx, { entity: 'shop', entityId: input.shopId, action: 'shop.staff_removed', detail: { openid: input.openid, name: m.name } })
  return listMembers(ctx, input.shopId)
}
