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
      // Refunded by the buyer, at expiry, or when a group failed: the preview cannot tell which, so it does not guess.
      return '这张券已退款，不能再核销'
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

/**
 * Why an undo did not happen, with when undo is allowed (the conditions of redemption.undo): the code is still
 * 已核销, it was redeemed less than 10 minutes ago, and the promoter has not withdrawn the commission it paid.
 */
export function undoRefusalText(error: { code: string; message: string }, redeemedAt: number | null, now: number): string {
  switch (error.code) {
    case 'UNDO_WINDOW_PASSED':
      return `核销超过 10 分钟就不能撤销了${redeemedAt ? `（这张券 ${clockOrDate(redeemedAt, now)} 核销）` : ''}，这张券仍是已核销`
    case 'UNDO_NOT_ALLOWED':
      return '只有仍是「已核销」、核销不到 10 分钟、推手佣金还没被提现的券可以撤销。这张券可能已被撤销过，或推手已提现这笔佣金；重新查询这张券可以看到它现在的状态'
    case 'CODE_NOT_FOUND':
      return '没有找到这张券，请核对券码'
    case 'NETWORK':
      // The undo may have reached the server and only its answer been lost: say what is known, not a guess.
      return '网络不太好，没有收到撤销的结果。请重新查询这张券，看它现在是「待使用」还是「已核销」'
    default:
      return error.message
  }
}
