import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { checked, isDuplicateKey } from '../../server/db'
import { BINDINGS, SHARE_VIEWERS, SHARES, VISITS, type ShareDoc } from './collections'

/**
 * A deal opened through a share. Every open is a visit (the promoter's funnel shows who came but did not buy);
 * a known viewer other than the promoter is bound to the promoter for this deal — the last touch wins.
 */
export async function visit(ctx: Ctx, input: Input<'promoters', 'visit'>): Promise<Output<'promoters', 'visit'>> {
  const share = (await ctx.db.collection(SHARES).doc(input.shareCode).get()).data[0] as ShareDoc | undefined
  if (!share) throw new AppError('SHARE_NOT_FOUND')
  const viewer = ctx.caller.openid
  const at = new Date(ctx.now())
  const _ = ctx.db.command
  await ctx.db.collection(VISITS).add({ shareCode: share._id, promoter: share.promoter, dealId: share.dealId, viewer, groupId: input.groupId ?? null, at })
  // A viewer is counted once per share: the first visit creates their marker and counts them.
  let firstVisit = false
  if (viewer) {
    try {
      checked(await ctx.db.collection(SHARE_VIEWERS).add({ _id: `${share._id}:${viewer}`, at }))
      firstVisit = true
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
    }
  }
  checked(await ctx.db.collection(SHARES).doc(share._id).update({ visits: _.inc(1), ...(firstVisit ? { visitors: _.inc(1) } : {}) }))
  if (!viewer || viewer === share.promoter) return { bound: false, dealId: share.dealId }
  checked(
    await ctx.db.collection(BINDINGS).doc(`${share.dealId}:${viewer}`).set({ dealId: share.dealId, viewer, promoter: share.promoter, shareCode: share._id, at }),
  )
  return { bound: true, dealId: share.dealId }
}
