import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { usePageVisible } from '@/features/deals'
import { NotificationList, ORDER_TABS, OrderRow, inTab, useMyOrders, useNotifications, type OrderTabKey } from '@/features/orders'
import { PageState } from '@/shared/ui'
import '@/features/orders/components/orders.css'

/** How many rows a tab wants on screen before it stops reading older pages for it. */
const TAB_FILL = 8

/** 订单 (tab): my orders, newest first, page by page, with the latest messages on top; tabs by state. */
export default function OrdersPage() {
  const orders = useMyOrders()
  const messages = useNotifications()
  const [tab, setTab] = useState<OrderTabKey>('all')
  const { error, loading } = orders
  const data = orders.data && orders.data.filter((o) => inTab(o, tab))
  // Pages come newest first across all states: a tab keeps reading older pages until it has a screenful.
  const short = data !== null && data.length < TAB_FILL && orders.hasMore && !orders.loadingMore && !orders.moreError
  useEffect(() => {
    if (short && tab !== 'all') void orders.loadMore()
  }, [short, tab, orders.loadMore])
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
      {tab === 'all' && messages.data && messages.data.length > 0 && <NotificationList items={messages.data} now={now} />}
      <View className='orders-tabs' role='tablist'>
        {ORDER_TABS.map((t) => (
          <View key={t.key} role='tab' aria-selected={t.key === tab} className={`orders-tabs__tab${t.key === tab ? ' orders-tabs__tab--on' : ''}`} onClick={() => setTab(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {data === null && loading && <PageState kind='loading' skeleton='cards' />}
      {data === null && !loading && error && <PageState kind='error' message={error.message} onRetry={() => void orders.reload()} />}
      {data !== null && error && (
        <View className='orders-page__banner' onClick={() => void orders.reload()}>
          <Text>{error.message}，点此重试</Text>
        </View>
      )}
      {data !== null && data.length === 0 && tab !== 'all' && (orders.hasMore ? <PageState kind='loading' skeleton='cards' /> : <PageState kind='empty' title={`没有${ORDER_TABS.find((t) => t.key === tab)?.label}的订单`} description='换个分类看看' actionLabel='查看全部' onAction={() => setTab('all')} />)}
      {data !== null && data.length === 0 && tab === 'all' && (
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
