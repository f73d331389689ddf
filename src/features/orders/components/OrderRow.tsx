import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderSummary } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import { mediaUrl } from '@/shared/api/media'
import { formatDateTime } from '@/shared/format/time'
import { orderStateLabel, stateTone, summaryNote } from '../model/orderState'
import { orderPath } from '../model/paths'

/** An order in 我的订单: cover, deal, shop, quantity and amount, its state and how many codes are left. Tap opens it. */
export function OrderRow({ order, now }: { order: OrderSummary; now: number }) {
  const note = summaryNote(order)
  return (
    <View className='order-row' hoverClass='order-row--pressed' onClick={() => void Taro.navigateTo({ url: orderPath(order.id) })}>
      <View className='order-row__head'>
        <Text className='order-row__shop'>{order.shopName}</Text>
        <Text className={`order-row__state order-row__state--${stateTone(order.state)}`}>{orderStateLabel(order.state)}</Text>
      </View>
      <View className='order-row__body'>
        {order.cover ? <Image className='order-row__cover' src={mediaUrl(order.cover)} mode='aspectFill' lazyLoad /> : <View className='order-row__cover' />}
        <View className='order-row__main'>
          <Text className='order-row__title'>{order.dealTitle}</Text>
          <Text className='order-row__meta'>
            {order.qty} 份 · 实付 ¥{formatYuan(order.amountFen)}
          </Text>
          <Text className='order-row__time'>{formatDateTime(order.createdAt, now)} 下单</Text>
        </View>
      </View>
      {(note || order.state === 'pending_payment') && (
        <View className='order-row__foot'>
          {note && <Text className='order-row__note'>{note}</Text>}
          {order.state === 'pending_payment' && <Text className='order-row__note order-row__note--price'>请在 15 分钟内完成支付</Text>}
          <Text className='order-row__go'>{order.state === 'pending_payment' ? '去支付 ›' : '查看券码 ›'}</Text>
        </View>
      )}
    </View>
  )
}
