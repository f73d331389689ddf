import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderSummary } from '@core/contracts/views'
import { mediaUrl } from '@/shared/api/media'
import { formatDateTime } from '@/shared/format/time'
import { moneyShort } from '../model/money'
import { orderStateLabel, stateTone, summaryNote } from '../model/orderState'
import { orderPath } from '../model/paths'

/** An order in 我的订单: cover, deal, shop, quantity and amount, its state and its codes left (可用 / 待成团). Tap opens it. */
export function OrderRow({ order, now }: { order: OrderSummary; now: number }) {
  const note = summaryNote(order)
  const pending = order.state === 'pending_payment'
  const minutesLeft = Math.ceil((order.payBefore - now) / 60_000)
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
            {order.qty} 份 · {moneyShort(order)}
          </Text>
          <Text className='order-row__time'>{formatDateTime(order.createdAt, now)} 下单</Text>
        </View>
      </View>
      {(note || pending) && (
        <View className='order-row__foot'>
          {note && <Text className='order-row__note'>{note}</Text>}
          {pending && (
            <Text className='order-row__note order-row__note--price'>{minutesLeft > 0 ? `剩 ${minutesLeft} 分钟，超时自动关闭` : '已超时，即将关闭'}</Text>
          )}
          <Text className='order-row__go'>{pending ? '去支付 ›' : '查看券码 ›'}</Text>
        </View>
      )}
    </View>
  )
}
