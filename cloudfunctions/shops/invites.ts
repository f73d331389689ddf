import type { Input, Output } from '@core/contracts'
import type { InviteView } from '@core/contracts/views'
import { AppError } from '@core/result'
import { randomBytes } from 'node:crypto'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import { inTransaction } from '../../server/tx'
import { moveStaffShopInTx } from '../redemption/public'
import { requireShopRole } from './access'
import { INVITES, memberId, SHOP_MEMBERS, type MemberDoc } from './collections'
import { toMemberView } from './members'

export { INVITES }
const INVITE_TTL_MS = 24 * 3600 * 1000
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

interface InviteDoc {
  _id: string
  shopId: string
  role: 'owner' | 'staff'
  createdBy: string
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
}

export async function createInvite(ctx: Ctx, shopId: string, role: 'owner' | 'staff', createdBy: string): Promise<InviteView> {
  const now = ctx.now()
  for (;;) {
    const code = Array.from(randomBytes(10), (b) => ALPHABET[b & 31]).join('')
    const doc: InviteDoc = { _id: code, shopId, role, createdBy, expiresAt: new Date(now + INVITE_TTL_MS), usedBy: null, usedAt: null }
    try {
      checked(await ctx.db.collection(INVITES).add(doc))
      return { code, shopId, role, expiresAt: +doc.expiresAt }
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
    }
  }
}

export async function inviteStaff(ctx: Ctx, input: Input<'shops', 'invite'>): Promise<Output<'shops', 'invite'>> {
  const owner = await requireShopRole(ctx, input.shopId, ['owner'])
  const invite = await createInvite(ctx, input.shopId, 'staff', owner)
  await audit(ctx, { entity: 'shop', entityId: input.shopId, action: 'shop.staff_invited', detail: { expiresAt: invite.expiresAt } })
  return invite
}

/** The invite is used up by one compare-and-set, so two people cannot both join with one code. */
export async function acceptInvite(ctx: Ctx, input: Input<'shops', 'acceptInvite'>): Promise<Output<'shops', 'acceptInvite'>> {
  const openid = requireUser(ctx)
  const code = input.code.toUpperCase()
  const invite = (await ctx.db.collection(INVITES).doc(code).get()).data[0] as InviteDoc | undefined
  if (!invite || invite.usedBy || +invite.expiresAt <= ctx.now()) throw new AppError('INVITE_INVALID')
  const existing = (await ctx.db.collection(SHOP_MEMBERS).doc(memberId(invite.shopId, openid)).get()).data[0] as MemberDoc | undefined
  if (existing) throw new AppError('ALREADY_MEMBER')
  const _ = ctx.db.command
  const used = await updatedCount(
    ctx.db.collection(INVITES).where({ _id: code, usedBy: null, expiresAt: _.gt(new Date(ctx.now())) }).update({ usedBy: openid, usedAt: new Date(ctx.now()) }),
  )
  if (used !== 1) throw new AppError('INVITE_INVALID')
  const member: MemberDoc = { _id: memberId(invite.shopId, openid), shopId: invite.shopId, openid, role: invite.role, name: input.name, createdAt: new Date(ctx.now()) }
  try {
    // With the account's list of shops, which the counter's one-write role check reads (redemption moveStaffShopInTx).
    await inTransaction(ctx.db, async (tx) => {
      checked(await tx.collection(SHOP_MEMBERS).add({ ...member }))
      await moveStaffShopInTx(tx, ctx.db, openid, { add: invite.shopId })
    })
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    throw new AppError('ALREADY_MEMBER')
  }
  if (invite.role === 'owner') {
    checked(await ctx.db.collection('shops').doc(invite.shopId).update({ ownerOpenid: openid }))
  }
  await audit(ctx, { entity: 'shop', entityId: invite.shopId, action: 'shop.member_joined', detail: { role: invite.role, name: input.name } })
  return toMemberView(member)
}
