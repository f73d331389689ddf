import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { DealCard, useDeals } from '@/features/deals'
import { PageState } from '@/shared/ui'
import './index.css'

/** 首页: the deals on sale, newest first, page by page. */
export default function HomePage() {
  const deals = useDeals()
  const { data, error, loading } = deals

  usePullDownRefresh(() => {
    void deals.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void deals.loadMore()
  })

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title'>附近好店团购</Text>
        <Text className='home__promise'>随时退 · 过期自动退 · 到店出示券码即用</Text>
      </View>
      {data === null && loading && <PageState kind='loading' skeleton='cards' />}
      {data === null && !loading && error && <PageState kind='error' message={error.message} onRetry={() => void deals.reload()} />}
      {data !== null && error && (
        <View className='home__banner' onClick={() => void deals.reload()}>
          <Text>{error.message}，点此重试</Text>
        </View>
      )}
      {data !== null && data.length === 0 && (
        <PageState kind='empty' title='暂时还没有团购' description='商家上新后会第一时间出现在这里' actionLabel='刷新看看' onAction={() => void deals.reload()} />
      )}
      {data !== null && data.length > 0 && (
        <View className='home__list'>
          {data.map((d) => (
            <DealCard key={d.id} deal={d} />
          ))}
          <View className='home__footer' onClick={deals.moreError ? () => void deals.loadMore() : undefined}>
            <Text>{deals.loadingMore ? '加载中…' : deals.moreError ? `${deals.moreError.message}，点此重试` : deals.hasMore ? '上拉加载更多' : '没有更多了'}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
