import type { RedeemOutcome } from '@core/contracts/views'
import { chinaClock, chinaDay, dayLabel } from './chinaTime'

/** "14:03" today, "11月22日 14:03" another day (China time). */
export function clockOrDate(ms: number, now: number): string {
  const day = chinaDay(ms)
  return day === chinaDay(now) ? chinaClock(ms) : `${dayLabel(day, chinaDay(now).slice(0, 4))} ${chinaClock(ms)}`
}

/**
 * A refused code told plainly at the counter: who redeemed it and when, or why it cannot be used. Never a code.
 */
export function refusalText(o: Extract<RedeemOutcome, { ok: false }>, now: number): string {
  switch (o.error) {
    case 'CODE_ALREADY_REDEEMED':
      if (o.redeemedAt) return `已被 ${o.redeemedBy || '其他店员'} 于 ${clockOrDate(o.redeemedAt, now)} 核销`
      return '这张券已经核销过了'
    case 'CODE_EXPIRED':
      return '券码已过期，不能核销（过期未用的券会自动退款给顾客）'
    case 'CODE_REFUNDED':
      return '顾客已申请退款，这张券不能再核销'
    case 'CODE_GROUP_PENDING':
      return '拼团中：还没成团，成团后才能使用'
    case 'CODE_NOT_YET_VALID':
      return '还没到使用时间，请按券上的有效期使用'
    case 'CODE_NOT_FOUND':
      return '没有找到这张券，请核对券码'
    default:
      return o.message || '这张券暂时不能核销'
  }
}
