import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import type { OrderView } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { dealPath } from '@/features/deals/model/dealParams'
import { mediaUrl } from '@/shared/api/media'

/**
 * The order page's share (mini-program): the card opens the order's deal, never the order. Share ticket on, so
 * the group the card lands in is known when someone opens it (per-group counts).
 */
export function useInviteShare(order: OrderView | null): void {
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  }, [])
  useShareAppMessage(() => {
    if (!order) return { title: '团卡 · 好店团购', path: '/pages/index/index' }
    const prefix = order.state === 'grouping' ? '一起拼团！' : ''
    return {
      title: `${prefix}¥${formatYuan(order.unitPriceFen)} ${order.dealTitle}`,
      path: dealPath(order.dealId),
      ...(order.cover ? { imageUrl: mediaUrl(order.cover) } : {}),
    }
  })
}
