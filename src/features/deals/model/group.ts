import type { GroupProgress } from '@core/contracts/views'

/**
 * 成团 in words. Units are real paid units only (never a virtual fill); codes unlock when the group forms, and a
 * group that fails is refunded in full automatically.
 */
export function groupHeadline(g: GroupProgress): string {
  switch (g.status) {
    case 'forming': {
      const missing = Math.max(0, g.minUnits - g.units)
      return missing > 0 ? `已拼 ${g.units}/${g.minUnits} 份，还差 ${missing} 份成团` : `已拼 ${g.units}/${g.minUnits} 份，即将成团`
    }
    case 'succeeded':
      return `已成团 · ${g.units} 份`
    case 'failed':
      return '未成团，已全额退款'
  }
}

/** The short tag on a deal card. */
export function groupTag(g: GroupProgress): string {
  switch (g.status) {
    case 'forming':
      return `${g.minUnits}份成团 · 已拼${g.units}`
    case 'succeeded':
      return '已成团'
    case 'failed':
      return '未成团'
  }
}

/** 0..1 share of the minimum reached (for the progress bar). */
export function groupRatio(g: GroupProgress): number {
  if (g.minUnits <= 0) return 1
  return Math.max(0, Math.min(1, g.units / g.minUnits))
}
