import type { Input, Output } from '@core/contracts'
import { AppError } from '@core/result'
import type { Ctx } from '../../server/context'
import { checked, insertOnce, updatedCount } from '../../server/db'
import { resolveGroup } from '../../server/platform/groups'
import { BINDINGS, EMPTY_FUNNEL, GROUP_FUNNELS, SHARE_VIEWERS, SHARES, SHOP_PROMOTERS, VISITS, type ShareDoc } from './collections'
import { groupFunnelId, groupKeyOf, shopPromoterId } from './funnels'

/**
 * A deal opened through a share. Every open is a visit (the promoter's funnel shows who came but did not buy);
 * a known viewer other than the promoter is bound to the promoter for this deal — the last touch wins. The
 * funnel moves on the share, on the share in that WeChat group, and on the promoter at the shop; a viewer is
 * counted once per funnel (the first visit creates their marker).
 */
export async function visit(ctx: Ctx, input: Input<'promoters', 'visit'>): Promise<Output<'promoters', 'visit'>> {
  const [shareRes, groupId] = await Promise.all([ctx.db.collection(SHARES).doc(input.shareCode).get(), resolveGroup(ctx.db, input.groupCloudID)])
  const share = (shareRes.data as ShareDoc[])[0]
  if (!share) throw new AppError('SHARE_NOT_FOUND')
  const viewer = ctx.caller.openid
  const at = new Date(ctx.now())
  const _ = ctx.db.command
  const groupKey = groupId ? groupKeyOf(groupId) : null
  const funnels: { coll: string; id: string; marker: string; create?: () => Promise<boolean> }[] = [{ coll: SHARES, id: share._id, marker: share._id }]
  if (groupKey) {
    const id = groupFunnelId(share._id, groupKey)
    // A group's funnel is created by its first visit only (the common visit finds it and just counts).
    const create = () => insertOnce(ctx.db, GROUP_FUNNELS, { _id: id, shareCode: share._id, promoter: share.promoter, groupKey, lastAt: at, ...EMPTY_FUNNEL })
    funnels.push({ coll: GROUP_FUNNELS, id, marker: id, create })
  }
  if (share.shopId) funnels.push({ coll: SHOP_PROMOTERS, id: shopPromoterId(share.shopId, share.promoter), marker: `sp:${shopPromoterId(share.shopId, share.promoter)}` })

  await ctx.db.collection(VISITS).add({ shareCode: share._id, promoter: share.promoter, dealId: share.dealId, viewer, groupId, at })
  await Promise.all(
    funnels.map(async (f) => {
      const first = viewer ? await insertOnce(ctx.db, SHARE_VIEWERS, { _id: `${f.marker}:${viewer}`, at }) : false
      const count = () => updatedCount(ctx.db.collection(f.coll).doc(f.id).update({ visits: _.inc(1), ...(first ? { visitors: _.inc(1) } : {}), ...(f.coll === GROUP_FUNNELS ? { lastAt: at } : {}) }))
      if ((await count()) === 0 && f.create) {
        await f.create()
        await count()
      }
    }),
  )
  if (!viewer || viewer === share.promoter) return { bound: false, dealId: share.dealId }
  checked(
    await ctx.db.collection(BINDINGS).doc(`${share.dealId}:${viewer}`).set({ dealId: share.dealId, viewer, promoter: share.promoter, shareCode: share._id, groupId, at }),
  )
  return { bound: true, dealId: share.dealId }
}
