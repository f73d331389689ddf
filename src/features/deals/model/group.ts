import type { GroupProgress } from '@core/contracts/views'

/**
 * 成团 in words. Units are real paid units only (never a virtual fill); codes unlock when the group forms, and a
 * group that fails is refunded in full automatically.
 */
/** 份 for a minimum of units, 人 for a minimum of buyers. */
export const groupUnit = (g: GroupProgress): string => (g.by === 'buyers' ? '人' : '份')

export function groupHeadline(g: GroupProgress): string {
  const u = groupUnit(g)
  switch (g.status) {
    case 'forming': {
      const missing = Math.max(0, g.min - g.count)
      return missing > 0 ? `已拼 ${g.count}/${g.min} ${u}，还差 ${missing} ${u}成团` : `已拼 ${g.count}/${g.min} ${u}，即将成团`
    }
    case 'succeeded':
      return `已成团 · ${g.count} ${u}`
    case 'failed':
      return '未成团，已全额退款'
  }
}

/** The short tag on a deal card. */
export function groupTag(g: GroupProgress): string {
  switch (g.status) {
    case 'forming':
      return `${g.min}${groupUnit(g)}成团 · 已拼${g.count}`
    case 'succeeded':
      return '已成团'
    case 'failed':
      return '未成团'
  }
}

/** 0..1 share of the minimum reached (for the progress bar). */
export function groupRatio(g: GroupProgress): number {
  if (g.min <= 0) return 1
  return Math.max(0, Math.min(1, g.count / g.min))
}
