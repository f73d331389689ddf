import { View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { formatYuan } from '@core/money/format-yuan'
import { BuyBar, DealGallery, DealInfo, DealSummary, GroupProgressView, ShopCard, dealPath, parseDealParams, useDeal } from '@/features/deals'
import { PromoterShareEntry, useShareCode, withShareCode } from '@/features/promoter/share'
import { mediaUrl } from '@/shared/api/media'
import { PageState } from '@/shared/ui'
import '@/features/deals/components/DealDetail.css'

/** 团购详情: /pages/deal/index?id=<dealId>&s=<shareCode> (or ?scene=<shareCode> from a mini-program code). */
export default function DealPage() {
  const router = useRouter()
  const params = useMemo(() => parseDealParams(router.params), [router.params])
  const { data: deal, error, loading, reload } = useDeal(params.id)
  const share = useShareCode(deal?.id ?? null, 'card') // the caller's own code, promoters only

  useEffect(() => {
    if (deal) void Taro.setNavigationBarTitle({ title: deal.shopName }).catch(() => undefined)
  }, [deal])

  useShareAppMessage(() => {
    if (!deal) return { title: '团卡 · 好店团购', path: params.id ? dealPath(params.id) : '/pages/index/index' }
    const image = deal.images[0] ?? deal.cover
    return {
      title: `¥${formatYuan(deal.priceFen)} ${deal.title}`,
      path: withShareCode(dealPath(deal.id), share.shareCode),
      ...(image ? { imageUrl: mediaUrl(image) } : {}),
    }
  })

  if (!deal && loading) return <PageState kind='loading' skeleton='detail' />
  if (!deal) {
    if (!error || error.code === 'DEAL_NOT_FOUND') {
      return (
        <PageState
          kind='empty'
          icon='?'
          title='团购不存在或已下架'
          description='看看其他好店的团购吧'
          actionLabel='去首页'
          onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
        />
      )
    }
    return <PageState kind='error' message={error.message} onRetry={() => void reload()} />
  }
  const now = deal.serverTime
  return (
    <View className='deal-page'>
      <DealGallery images={deal.images} cover={deal.cover} title={deal.title} />
      <DealSummary deal={deal} now={now} />
      {deal.group && <GroupProgressView group={deal.group} now={now} />}
      <PromoterShareEntry dealId={deal.id} share={share} />
      <ShopCard shop={deal.shop} />
      <DealInfo deal={deal} now={now} />
      <BuyBar saleState={deal.saleState} priceFen={deal.priceFen} />
    </View>
  )
}
