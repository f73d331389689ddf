import type { Db } from '../../server/platform/cloudbase'
import { LINES, PROMOTERS, type LineDoc } from './collections'

export interface Balance {
  pendingFen: number
  lockedFen: number
  availableFen: number
  withdrawnFen: number
}

/**
 * A promoter's money, derived from the ledger (never stored apart from it): pending until the code is used,
 * locked during the shop's hold days, then available; a reversed line keeps only its rounding carry, so a
 * refund after a withdrawal makes the balance negative and later earnings recover it.
 */
export async function balanceOf(db: Db, promoter: string, now: number, withdrawnFen?: number): Promise<Balance> {
  const [lines, profile] = await Promise.all([
    db.collection(LINES).aggregate().match({ promoter }).group({
      _id: '$status',
      amount: { $sum: '$amountFen' },
      reversed: { $sum: '$reversedFen' },
      lockedAmount: { $sum: { $cond: [{ $gt: ['$availableAt', new Date(now)] }, '$amountFen', 0] } },
    }).end(),
    // The promoter document's counter is the withdrawal figure the withdraw compare-and-set moves.
    withdrawnFen === undefined ? db.collection(PROMOTERS).doc(promoter).get() : Promise.resolve(null),
  ])
  const by = new Map((lines.data as { _id: LineDoc['status']; amount: number; reversed: number; lockedAmount: number }[]).map((r) => [r._id, r]))
  const settled = by.get('settled')
  const reversed = by.get('reversed')
  const withdrawn = withdrawnFen ?? ((profile?.data as { withdrawnFen?: number }[] | undefined)?.[0]?.withdrawnFen ?? 0)
  const earned = (settled?.amount ?? 0) - (settled?.lockedAmount ?? 0) + (reversed ? reversed.amount - reversed.reversed : 0)
  return {
    pendingFen: by.get('pending')?.amount ?? 0,
    lockedFen: settled?.lockedAmount ?? 0,
    availableFen: earned - withdrawn,
    withdrawnFen: withdrawn,
  }
}
