import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { GroupCardView } from '@core/contracts/group-card'
import { callFunction } from '@/shared/api'

/**
 * The live card (动态消息) a share of this forming group carries: orders.groupCard once per page (with the caller's
 * order on the order page, for its WeChat group). In the mini-program the page's share menu is made updatable with
 * the activity id, so the card shows "成员正在加入，当前 x/y 人" and the server moves it. Any failure leaves the
 * share a plain card: the invite works either way.
 */
export function useGroupCard(dealId: string, orderId: string | null, forming: boolean): GroupCardView | null {
  const [card, setCard] = useState<GroupCardView | null>(null)
  useEffect(() => {
    if (!forming) return undefined
    let live = true
    callFunction('orders', 'groupCard', { dealId, ...(orderId ? { orderId } : {}) })
      .then((c) => {
        if (!live) return
        setCard(c)
        if (process.env.TARO_ENV === 'weapp' && c?.activityId) {
          // The classic card (成员正在加入，当前 x/y 人) takes only parameterList (WeChat's wx.updateShareMenu); Taro 4's
          // type also asks for templateId, which only the newer template cards have.
          const menu = {
            withShareTicket: true,
            isUpdatableMessage: true,
            activityId: c.activityId,
            templateInfo: {
              parameterList: [
                { name: 'member_count', value: String(c.memberCount) },
                { name: 'room_limit', value: String(c.roomLimit) },
              ],
            },
          } as Taro.updateShareMenu.Option
          void Taro.updateShareMenu(menu).catch(() => undefined)
        }
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [dealId, orderId, forming])
  return card
}
