import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { usePageVisible } from '@/features/deals'
import { NotificationList, OrderRow, useMyOrders, useNotifications } from '@/features/orders'
import { PageState } from '@/shared/ui'
import '@/features/orders/components/orders.css'

/** 订单 (tab): my orders, newest first, page by page, with the latest messages on top. */
export default function OrdersPage() {
  const orders = useMyOrders()
  const messages = useNotifications()
  const { data, error, loading } = orders
  const refresh = () => Promise.all([orders.reload(), messages.reload()])

  // Back from an order page (paid, refunded) or from another tab: states may have moved.
  usePageVisible(() => void refresh())
  usePullDownRefresh(() => {
    void refresh().finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void orders.loadMore()
  })

  const now = Date.now()
  return (
    <View className='orders-page'>
      {messages.data && messages.data.length > 0 && <NotificationList items={messages.data} now={now} />}
      {data === null && loading && <PageState kind='loading' skeleton='cards' />}
      {data === null && !loading && error && <PageState kind='error' message={error.message} onRetry={() => void orders.reload()} />}
      {data !== null && error && (
        <View className='orders-page__banner' onClick={() => void orders.reload()}>
          <Text>{error.message}，点此重试</Text>
        </View>
      )}
      {data !== null && data.length === 0 && (
        <PageState
          kind='empty'
          title='还没有订单'
          description='买过的团购券会出现在这里，随时退、过期自动退'
          actionLabel='去逛逛'
          onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
        />
      )}
      {data !== null && data.length > 0 && (
        <View>
          {data.map((o) => (
            <OrderRow key={o.id} order={o} now={now} />
          ))}
          <View className='orders-page__footer' onClick={orders.moreError ? () => void orders.loadMore() : undefined}>
            <Text>{orders.loadingMore ? '加载中…' : orders.moreError ? `${orders.moreError.message}，点此重试` : orders.hasMore ? '上拉加载更多' : '没有更多了'}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
