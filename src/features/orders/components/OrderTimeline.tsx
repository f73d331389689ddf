import { Text, View } from '@tarojs/components'
import type { TimelineEvent } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format/time'

/** 订单进度: every step the buyer should know about, oldest first. */
export function OrderTimeline({ events, now }: { events: TimelineEvent[]; now: number }) {
  if (events.length === 0) return null
  return (
    <View className='order-timeline'>
      {events.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`order-timeline__item${i === events.length - 1 ? ' order-timeline__item--last' : ''}`}>
          <View className='order-timeline__dot' />
          <View className='order-timeline__body'>
            <Text className='order-timeline__label'>{e.label}</Text>
            <Text className='order-timeline__at'>{formatDateTime(e.at, now)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
