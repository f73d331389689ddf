import type { PromoterOrderView } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format'
import { channelName } from '../model/funnel'

/**
 * "Why this order is yours", in one sentence: the rule that gave it to the promoter, with the share (channel and
 * code), when the buyer opened it and from which group.
 */
export function whyYours(o: PromoterOrderView, now: number = Date.now()): string {
  const share = `${channelName(o.channel)} · 分享码 ${o.shareCode}`
  const opened = o.visitAt !== null ? `顾客 ${formatDateTime(o.visitAt, now)} 打开` : null
  const group = o.groupLabel ? `，来自微信群「${o.groupLabel}」` : ''
  if (o.rule === 'share_code') {
    return `下单时带着你的分享（${share}）${opened ? `，${opened}` : ''}${group}`
  }
  return `${o.windowDays} 天内最后打开的是你的分享（${share}${opened ? `，${opened}` : ''}${group}），下单时没有带别人的分享码`
}

/** The rule's short name for the tag. */
export function ruleName(rule: PromoterOrderView['rule']): string {
  return rule === 'share_code' ? '带分享码下单' : '最后一次分享'
}
