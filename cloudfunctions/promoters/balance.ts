import type { Db } from '../../server/platform/cloudbase'
import { LINES, PROMOTERS, type PromoterDoc } from './collections'

export interface Balance {
  pendingFen: number
  lockedFen: number
  availableFen: number
  withdrawnFen: number
}

/**
 * A promoter's money from the counters on their document (moved with every line, see hooks.ts): one read,
 * whatever the number of orders. Pending until the code is used, locked during the shop's hold days, then
 * available. A reversed line keeps nothing (lines reversed before core/commission's rule may keep a rounding carry),
 * and refunding an unused code never takes back settled money: the available balance moves down when a
 * redemption is undone (which checks it first) or a withdrawal is made.
 */
export async function balanceOf(db: Db, promoter: string, now: number, profile?: PromoterDoc): Promise<Balance> {
  const p = profile ?? ((await db.collection(PROMOTERS).doc(promoter).get()).data[0] as PromoterDoc | undefined)
  // Only lines settled within their shop's hold days can be locked: a bounded read, made only while the latest
  // unlock time is still ahead (none at all for promoters of shops without a hold).
  let lockedFen = 0
  if (p?.lockedUntil && +p.lockedUntil > now) {
    const _ = db.command
    const res = await db.collection(LINES).aggregate().match({ promoter, status: 'settled', availableAt: _.gt(new Date(now)) }).group({ _id: null, total: { $sum: '$amountFen' } }).end()
    lockedFen = (res.data as { total: number }[])[0]?.total ?? 0
  }
  const settled = p?.settledFen ?? 0
  const withdrawn = p?.withdrawnFen ?? 0
  return {
    pendingFen: p?.pendingFen ?? 0,
    lockedFen,
    availableFen: settled - lockedFen + (p?.carryFen ?? 0) - withdrawn,
    withdrawnFen: withdrawn,
  }
}
