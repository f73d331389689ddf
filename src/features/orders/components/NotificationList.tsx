import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { NotificationView } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format/time'

const FIRST = 2

/** 消息: paid, group result, codes expiring, refund done — the newest two, the rest on demand. Tap opens the order. */
export function NotificationList({ items, now }: { items: NotificationView[]; now: number }) {
  const [all, setAll] = useState(false)
  if (items.length === 0) return null
  const shown = all ? items : items.slice(0, FIRST)
  return (
    <View className='order-msgs'>
      <View className='order-msgs__head'>
        <Text className='order-msgs__title'>消息</Text>
        {items.length > FIRST && (
          <Text className='order-msgs__more' onClick={() => setAll(!all)}>
            {all ? '收起' : `全部 ${items.length} 条 ›`}
          </Text>
        )}
      </View>
      {shown.map((n) => (
        <View key={n.id} className='order-msg' hoverClass='order-msg--pressed' onClick={() => open(n.page)}>
          <View className='order-msg__top'>
            <Text className={`order-msg__kind order-msg__kind--${n.kind}`}>{n.title}</Text>
            <Text className='order-msg__at'>{n.pushed ? '已推送到微信 · ' : ''}{formatDateTime(n.at, now)}</Text>
          </View>
          <Text className='order-msg__body'>{n.body}</Text>
        </View>
      ))}
    </View>
  )
}

function open(page: string) {
  if (!page.startsWith('/')) return
  void Taro.navigateTo({ url: page }).catch(() => undefined)
}
