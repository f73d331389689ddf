import type { CommissionLineView, FunnelCounts, PromoterCenter, ShareFunnel } from '@core/contracts/views'
import { MIN_WITHDRAW_FEN } from './money'

const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0)

function counts<T extends FunnelCounts>(f: T): T {
  return { ...f, visits: n(f.visits), visitors: n(f.visitors), placed: n(f.placed ?? f.orders), orders: n(f.orders), units: n(f.units), redeemed: n(f.redeemed), commissionFen: n(f.commissionFen) }
}

/**
 * The centre as the page draws it, with every field the page reads present: while functions and app roll out
 * at different times, an answer from a function one version behind (no withdrawals, no per-group funnels yet)
 * still draws as zeros and empty lists, never as "undefined" or a crash.
 */
export function completeCenter(c: PromoterCenter): PromoterCenter {
  return {
    ...c,
    minWithdrawFen: n(c.minWithdrawFen) || MIN_WITHDRAW_FEN,
    shares: (c.shares ?? []).map(
      (s): ShareFunnel => ({ ...counts(s), approval: s.approval ?? 'not_required', groups: (s.groups ?? []).map((g) => counts(g)) }),
    ),
    recentLines: (c.recentLines ?? []).map((l): CommissionLineView => ({ ...l, holdDays: n(l.holdDays), validEnd: l.validEnd ?? null })),
    withdrawals: c.withdrawals ?? [],
  }
}
