import type { GroupProgress } from '@core/contracts/views'
import { formatCountdown } from '@/shared/format/time'
import { groupUnit } from '@/features/deals/model/group'

/**
 * The words of the 拼团 invite. Counts are the deal's own (GroupProgress.count is core/deals/counts'
 * groupCountOf: paid units or buyers not refunded), never recounted here.
 */

/** One WeChat group's part of the deal (本群), as deals.buyers answers it. */
export interface ChatProgress {
  buyers: number
  units: number
}

export const missingOf = (g: Pick<GroupProgress, 'min' | 'count'>): number => Math.max(0, g.min - g.count)

/** "还差 3 份成团" or, with the minimum reached, the moment before the group is decided. */
export function inviteTitle(g: GroupProgress): string {
  const missing = missingOf(g)
  return missing > 0 ? `还差 ${missing} ${groupUnit(g)}成团` : '人数已够，即将成团'
}

/** "已拼 7/20 份" */
export const progressLine = (g: GroupProgress): string => `已拼 ${g.count}/${g.min} ${groupUnit(g)}`

/** The group the page was opened from, first: what its own members did. */
export function chatLine(chat: ChatProgress): string {
  return chat.buyers > 0 ? `本群 ${chat.buyers} 人已参与 · ${chat.units} 份` : '本群还没有人参与，邀请群友一起拼'
}

/** The deadline, ticking; once passed the timer decides the group (a moment). */
export function deadlineLine(g: GroupProgress, now: number): string {
  const left = g.deadline - now
  return left > 0 ? `距截止 ${formatCountdown(left)}` : '已到截止时间，正在确认是否成团'
}
