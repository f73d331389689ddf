import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import { audit } from '../../server/audit'
import { requireUser, type Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { PROMOTERS } from './collections'
import { isPromoter } from './public'

export async function join(ctx: Ctx, input: Input<'promoters', 'join'>): Promise<Output<'promoters', 'join'>> {
  const openid = requireUser(ctx)
  try {
    checked(await ctx.db.collection(PROMOTERS).add({ _id: openid, openid, name: input.name, withdrawnFen: 0, pendingFen: 0, settledFen: 0, carryFen: 0, createdAt: new Date(ctx.now()) }))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    // Joining again only renames; the withdrawal counter is never reset.
    checked(await ctx.db.collection(PROMOTERS).doc(openid).update({ name: input.name }))
  }
  await audit(ctx, { entity: 'promoter', entityId: openid, action: 'promoter.joined' })
  return { name: input.name }
}

export async function requirePromoter(ctx: Ctx): Promise<string> {
  const openid = requireUser(ctx)
  if (!(await isPromoter(ctx.db, openid))) throw new AppError('NOT_PROMOTER')
  return openid
}
