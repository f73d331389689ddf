import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { PromoterOrderCard, usePromoterOrders } from '@/features/promoter/orders'
import { PageState, withH5Bar } from '@/shared/ui'
import '@/features/promoter/orders/orders.css'

/**
 * 我的订单 (promoter sub-package): the orders attributed to the promoter, newest first, page by page — why each
 * one is theirs, whether it earns, and each voucher's commission line with its states.
 */
function PromoterOrdersPage() {
  const orders = usePromoterOrders()
  const { data, error, loading } = orders
  usePullDownRefresh(() => {
    void orders.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void orders.loadMore()
  })

  if (data === null && loading) return <PageState kind='loading' skeleton='rows' label='正在加载订单…' />
  if (data === null) {
    if (error?.code === 'NOT_PROMOTER') {
      return (
        <PageState
          kind='empty'
          icon='推'
          title='成为推手后才有推广订单'
          description='免费加入，只按你分享带来的订单计佣金，不设下级。'
          actionLabel='去加入'
          onAction={() => void Taro.redirectTo({ url: '/promoter/center/index' })}
        />
      )
    }
    return <PageState kind='error' message={error?.message ?? '加载失败'} onRetry={() => void orders.reload()} />
  }
  if (data.length === 0) {
    return (
      <PageState
        kind='empty'
        icon='单'
        title='还没有推广订单'
        description='顾客通过你的分享下单后，订单会出现在这里，并写明为什么算你的'
        actionLabel='去挑团购'
        onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
      />
    )
  }
  const now = Date.now()
  return (
    <View className='page'>
      {error && (
        <View className='po-page__banner' onClick={() => void orders.reload()}>
          <Text>{error.message}，点此重试</Text>
        </View>
      )}
      <Text className='po-page__intro'>买家信息已隐去。每张券一笔佣金：核销后结算，退款则冲回。</Text>
      {data.map((o) => (
        <PromoterOrderCard key={o.orderId} order={o} now={now} />
      ))}
      <View className='po-page__footer' onClick={orders.moreError ? () => void orders.loadMore() : undefined}>
        <Text>{orders.loadingMore ? '加载中…' : orders.moreError ? `${orders.moreError.message}，点此重试` : orders.hasMore ? '上拉加载更多' : '没有更多了'}</Text>
      </View>
    </View>
  )
}

export default withH5Bar(PromoterOrdersPage, '我的订单', '/promoter/center/index')
