import { createHash } from 'node:crypto'
import type { FunnelCounts } from '@core/contracts/views'
import { insertOnce } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { EMPTY_FUNNEL, GROUP_FUNNELS, SHARES, SHOP_PROMOTERS, type FunnelDoc, type ShopPromoterDoc } from './collections'

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/**
 * A short stable tag for a WeChat group. Servers get no group names, and the openGId itself stays on the server:
 * the promoter sees "群 7K2Q" for the same group every time.
 */
export function groupKeyOf(groupId: string): string {
  const salt = process.env.TUANKA_SHARE_SALT ?? 'tuanka'
  const bytes = createHash('sha256').update(`${salt}|group|${groupId}`).digest()
  return Array.from(bytes.subarray(0, 4), (b) => ALPHABET[b & 31]).join('')
}

export const groupLabelOf = (groupKey: string) => `群 ${groupKey}`
export const shopPromoterId = (shopId: string, promoter: string) => `${shopId}:${promoter}`
export const groupFunnelId = (shareCode: string, groupKey: string) => `${shareCode}:${groupKey}`

/** The funnel documents one attributed event moves: the share, the share in that group, the promoter at the shop. */
export function funnelRefs(f: { shareCode: string | null; groupKey?: string | null; shopId?: string; promoter: string }): [string, string][] {
  const refs: [string, string][] = []
  if (!f.shareCode) return refs
  refs.push([SHARES, f.shareCode])
  if (f.groupKey) refs.push([GROUP_FUNNELS, groupFunnelId(f.shareCode, f.groupKey)])
  if (f.shopId) refs.push([SHOP_PROMOTERS, shopPromoterId(f.shopId, f.promoter)])
  return refs
}


/** True when this call introduced the promoter to the shop (so no decision exists yet). */
export async function ensureShopPromoter(db: Db, shopId: string, promoter: string, now: number): Promise<boolean> {
  const doc: ShopPromoterDoc = { _id: shopPromoterId(shopId, promoter), shopId, promoter, decision: null, decidedAt: null, settledFen: 0, firstSeenAt: new Date(now), ...EMPTY_FUNNEL }
  return insertOnce(db, SHOP_PROMOTERS, doc)
}

export function toFunnelCounts(d: Partial<FunnelDoc>): FunnelCounts {
  return {
    visits: d.visits ?? 0,
    visitors: d.visitors ?? 0,
    placed: d.placed ?? 0,
    orders: d.orders ?? 0,
    units: d.units ?? 0,
    redeemed: d.redeemed ?? 0,
    commissionFen: d.commissionFen ?? 0,
  }
}
