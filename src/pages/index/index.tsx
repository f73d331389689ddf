import { Input, ScrollView, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { DEAL_CATEGORIES, type DealCategory } from '@core/deals/categories'
import { feedTier, normalizeSearch, SEARCH_MAX } from '@core/deals/feed'
import { DealCard, useDeals } from '@/features/deals'
import { useDealEarnings, useEarnShare } from '@/features/promoter/share'
import { askLocation, DISTRICTS, type Spot } from '@/features/deals/model/location'
import { PageState } from '@/shared/ui'
import './index.css'

type Place = Spot & { name: string }

/**
 * 首页: what can be bought first (the order is core/deals/feed's), a search by deal or shop, categories, and 附近
 * by distance once the buyer gives a location (or picks a district); page by page.
 */
export default function HomePage() {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [category, setCategory] = useState<DealCategory | null>(null)
  const [near, setNear] = useState(false)
  const [place, setPlace] = useState<Place | null>(null)
  const [locating, setLocating] = useState(false)
  const [refused, setRefused] = useState(false)
  const nearBy = near && place ? { lat: place.lat, lng: place.lng } : undefined
  const deals = useDeals({ q: q || undefined, category: category ?? undefined, near: nearBy })
  const { data, error, loading } = deals
  // Promoters see 分享赚 on every card and share a card's deal in one tap.
  const earningOf = useDealEarnings(data?.map((d) => d.id) ?? [])
  useEarnShare({ title: '团卡 · 身边好店的团购', path: '/pages/index/index' })

  usePullDownRefresh(() => {
    void deals.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void deals.loadMore()
  })

  const search = () => setQ(normalizeSearch(text))
  const clearSearch = () => {
    setText('')
    setQ('')
  }
  const openNear = async () => {
    setNear(true)
    if (place) return
    setLocating(true)
    const spot = await askLocation()
    setLocating(false)
    if (spot) {
      setPlace({ ...spot, name: '当前位置' })
      setRefused(false)
    } else {
      setNear(false)
      setRefused(true)
    }
  }
  const pickDistrict = (d: Place) => {
    setPlace(d)
    setNear(true)
    setRefused(false)
  }
  const showAll = () => {
    setNear(false)
    setCategory(null)
  }
  const firstInactive = data ? data.findIndex((d) => feedTier(d.saleState) === 2) : -1

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title'>附近好店团购</Text>
        <Text className='home__promise'>随时退 · 过期自动退 · 到店出示券码即用</Text>
      </View>
      <View className='home__search'>
        <Input
          className='home__search-input'
          value={text}
          maxlength={SEARCH_MAX}
          confirmType='search'
          placeholder='搜索团购或店铺'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={search}
        />
        {(text || q) && (
          <Text className='home__search-clear' onClick={clearSearch}>
            ×
          </Text>
        )}
        <Text className='home__search-go' onClick={search}>
          搜索
        </Text>
      </View>
      <View className='home__tabs'>
        <Text className={`home__tab${near ? '' : ' home__tab--on'}`} onClick={() => setNear(false)}>
          推荐
        </Text>
        <Text className={`home__tab${near ? ' home__tab--on' : ''}`} onClick={() => void openNear()}>
          {place && place.name !== '当前位置' ? `附近 · ${place.name}` : '附近'}
        </Text>
      </View>
      <ScrollView className='home__cats' scrollX enableFlex>
        <Text className={`home__cat${category ? '' : ' home__cat--on'}`} onClick={() => setCategory(null)}>
          全部
        </Text>
        {DEAL_CATEGORIES.map((c) => (
          <Text key={c.id} className={`home__cat${category === c.id ? ' home__cat--on' : ''}`} onClick={() => setCategory(c.id)}>
            {c.label}
          </Text>
        ))}
      </ScrollView>
      {refused && (
        <View className='home__notice'>
          <Text className='home__notice-text'>没有拿到你的位置，先为你展示全部团购。也可以选一个区域看附近：</Text>
          <View className='home__districts'>
            {DISTRICTS.map((d) => (
              <Text key={d.name} className='home__cat' onClick={() => pickDistrict(d)}>
                {d.name}
              </Text>
            ))}
          </View>
        </View>
      )}
      {locating && <PageState kind='loading' skeleton='cards' label='正在获取你的位置…' />}
      {!locating && data === null && loading && <PageState kind='loading' skeleton='cards' />}
      {!locating && data === null && !loading && error && <PageState kind='error' message={error.message} onRetry={() => void deals.reload()} />}
      {!locating && data !== null && error && (
        <View className='home__banner' onClick={() => void deals.reload()}>
          <Text>{error.message}，点此重试</Text>
        </View>
      )}
      {!locating && data !== null && data.length === 0 && <Empty q={q} category={category} near={!!nearBy} onAll={showAll} onClear={clearSearch} onReload={() => void deals.reload()} />}
      {!locating && data !== null && data.length > 0 && (
        <View className='home__list'>
          {data.map((d, i) => (
            <View key={d.id}>
              {i === firstInactive && <Text className='home__divider'>以下团购已售罄或已结束</Text>}
              <DealCard deal={d} earning={earningOf(d.id)} />
            </View>
          ))}
          <View className='home__footer' onClick={deals.moreError ? () => void deals.loadMore() : undefined}>
            <Text>{deals.loadingMore ? '加载中…' : deals.moreError ? `${deals.moreError.message}，点此重试` : deals.hasMore ? '上拉加载更多' : '没有更多了'}</Text>
          </View>
        </View>
      )}
    </View>
  )
}

function Empty(p: { q: string; category: DealCategory | null; near: boolean; onAll: () => void; onClear: () => void; onReload: () => void }) {
  if (p.q) return <PageState kind='empty' icon='搜' title={`没有找到与“${p.q}”相关的团购`} description='换个词试试，比如店名或菜品' actionLabel='清除搜索' onAction={p.onClear} />
  if (p.near) return <PageState kind='empty' title='附近 30 公里内还没有团购' description={p.category ? '这个分类附近还没有，换个分类看看' : '先逛逛全城的团购吧'} actionLabel='看看全部团购' onAction={p.onAll} />
  if (p.category) return <PageState kind='empty' title='这个分类还没有团购' description='商家上新后会出现在这里' actionLabel='看看全部团购' onAction={p.onAll} />
  return <PageState kind='empty' title='暂时还没有团购' description='商家上新后会第一时间出现在这里' actionLabel='刷新看看' onAction={p.onReload} />
}
