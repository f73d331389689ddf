import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useState, type ComponentProps, type ReactNode } from 'react'
import type { DealDetail } from '@core/contracts/views'
import { formatYuan } from '@core/money/format-yuan'
import {
  BuyBar,
  BuyerListView,
  DealGallery,
  DealInfo,
  DealSummary,
  showsCountdown,
  ReviewsView,
  ShopCard,
  dealCardPath,
  dealPath,
  parseDealParams,
  startDealPage,
  useBuyers,
  useDealPage,
  usePageVisible,
  useReviews,
  useShareDeal,
  useShareVisit,
  type DealParams,
} from '@/features/deals'
import { CheckoutSheet, useCheckout } from '@/features/checkout'
import { GroupSection } from '@/features/group'
import { PromoterShareEntry, useShareCode, withShareCode } from '@/features/promoter/share'
import { mediaUrl } from '@/shared/api/media'
import { askGroupCloudID, groupCloudIDNow, useGroupCloudID } from '@/shared/platform/groupEnter'
import { useNow } from '@/shared/hooks/useNow'
import { PageState, withH5Bar } from '@/shared/ui'
import '@/features/deals/components/DealDetail.css'
import { CardPreview, useDropEarlyPreview } from './CardPreview'

/**
 * 团购详情: /pages/deal/index?id=<dealId>&s=<shareCode> (or ?scene=<shareCode> from a mini-program code; locally
 * also &g=<group>, the stand-in for a WeChat group). Opened through a share, the visit is recorded once
 * (promoters.visit); opened from a group card, the buyer list, the visit and the order carry the group's cloudID.
 * A shared card's path also carries what the card showed (t, p, c: dealCardPath), painted before the deal arrives;
 * the deal, its buyers and its reviews then come from one call (deals.page), started while the page loads.
 */
function DealPage() {
  const router = useRouter()
  const params = useMemo(() => parseDealParams(router.params), [router.params])
  const enter = { path: 'pages/deal/index', id: params.id }
  // The page's one call starts here, during the page's load (weapp: inside onLoad), not after its first render.
  const [asked] = useState(() => {
    if (!params.id) return null
    const now = groupCloudIDNow(enter, params.groupId)
    return startDealPage(params.id, now === undefined ? askGroupCloudID(params.groupId) : now)
  })
  const groupCloudID = useGroupCloudID(enter, params.groupId, asked)
  // A poster's mini-program code carries only a share code (scene): its visit, recorded once, names the deal.
  const viaShare = params.id ? null : params.shareCode
  const resolved = useShareDeal(viaShare)
  const dealId = params.id ?? resolved.dealId
  const { page, buyers } = useDealPage(dealId ?? null, dealId === undefined ? undefined : groupCloudID, usePageVisible(() => void refreshAll()))
  const { error, loading, reload } = page
  // The full page is rendered as a transition: React builds it in slices with the browser free in between, while
  // the card (or the skeleton) stays on screen, instead of one long task on a slow phone.
  const data = useDeferredValue(page.data)
  const arriving = page.data !== null && data === null
  const deal = data?.deal ?? null
  const reviews = data?.reviews ?? null
  useShareVisit(viaShare ? null : params.shareCode, groupCloudID)
  useDropEarlyPreview()
  const share = useShareCode(deal?.id ?? null, 'card') // the caller's own code, promoters only

  function refreshAll(): Promise<unknown> {
    return reload()
  }

  useEffect(() => {
    if (deal) void Taro.setNavigationBarTitle({ title: deal.shopName }).catch(() => undefined)
  }, [deal])

  useEffect(() => {
    // A card shared from here carries a shareTicket, so the group it is opened in is known (getGroupEnterInfo).
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  }, [])

  usePullDownRefresh(() => {
    void refreshAll().finally(() => void Taro.stopPullDownRefresh())
  })

  useShareAppMessage(() => {
    if (!deal) return { title: '团卡 · 好店团购', path: params.id ? dealPath(params.id) : '/pages/index/index' }
    const image = deal.images[0] ?? deal.cover
    return {
      title: `¥${formatYuan(deal.priceFen)} ${deal.title}`,
      path: withShareCode(dealCardPath({ ...deal, cover: image }), share.shareCode),
      ...(image ? { imageUrl: mediaUrl(image) } : {}),
    }
  })

  if (resolved.error) return <PageState kind='error' message={resolved.error.message} onRetry={resolved.retry} />
  if (!deal && (loading || arriving)) return params.card ? <CardPreview card={params.card} /> : <PageState kind='loading' skeleton='detail' />
  if (!deal) {
    if (!error || error.code === 'DEAL_NOT_FOUND') {
      return (
        <PageState
          kind='empty'
          icon='?'
          title={viaShare || (!params.id && router.params.scene) ? '找不到这个团购' : '团购不存在或已下架'}
          description='看看其他好店的团购吧'
          actionLabel='去首页'
          onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
        />
      )
    }
    return <PageState kind='error' message={error.message} onRetry={() => void reload()} />
  }
  return (
    <DealView deal={deal} params={params} groupCloudID={groupCloudID} buyers={buyers} reviews={reviews} refresh={() => void refreshAll()}>
      <PromoterShareEntry dealId={deal.id} share={share} />
    </DealView>
  )
}

function DealView({
  deal,
  params,
  groupCloudID,
  buyers,
  reviews,
  refresh,
  children,
}: {
  deal: DealDetail
  params: DealParams
  groupCloudID: string | null | undefined
  buyers: ReturnType<typeof useBuyers>['data']
  reviews: ReturnType<typeof useReviews>['data']
  refresh: () => void
  /** Shown under the group progress (the promoter's share entry). */
  children?: ReactNode
}) {
  const checkout = useCheckout({ deal, shareCode: params.shareCode, groupCloudID, refresh })
  // Times on the page are the server's: the device clock may be off. Buyers' "3 分钟前" moves with the clock.
  const skew = useMemo(() => deal.serverTime - Date.now(), [deal.serverTime])
  const now = deal.serverTime
  // Only the countdown ticks: the rest of the page keeps the time it was loaded at.
  const ticking = useNow(skew, showsCountdown(deal, now))
  const toReviews = useCallback(() => void Taro.pageScrollTo({ selector: '#deal-reviews', duration: 300 }).catch(() => undefined), [])
  const below = useRevealSteps(2)
  // The sections are memoized: the promoter's share entry, the checkout sheet or the countdown changing re-render
  // only what shows them, not the whole page (a slow phone felt each full re-render as a long task).
  return (
    <View className='deal-page'>
      <FirstScreen deal={deal} ticking={ticking} reviews={reviews} onRating={toReviews} chat={buyers?.group ?? null} groupId={params.groupId} skew={skew} />
      {below > 0 && children}
      {below > 0 && <BelowFirstScreen deal={deal} buyers={buyers} reviews={reviews} skew={skew} all={below > 1} />}
      <BuyBar saleState={deal.saleState} priceFen={deal.priceFen} onBuy={checkout.show} />
      {checkout.open && <CheckoutSheet deal={deal} checkout={checkout} />}
      {checkout.paymentSheet}
    </View>
  )
}

const FirstScreen = memo(function FirstScreen({
  deal,
  ticking,
  reviews,
  onRating,
  chat,
  groupId,
  skew,
}: {
  deal: DealDetail
  ticking: number
  reviews: ReturnType<typeof useReviews>['data']
  onRating: () => void
  chat: ComponentProps<typeof GroupSection>['chat']
  groupId: ComponentProps<typeof GroupSection>['groupId']
  skew: number
}) {
  return (
    <>
      <DealGallery images={deal.images} cover={deal.cover} title={deal.title} />
      <DealSummary deal={deal} now={ticking} rating={reviews} onRating={onRating} />
      <GroupSection deal={deal} chat={chat} groupId={groupId} skew={skew} now={deal.serverTime} />
    </>
  )
})

const BelowFirstScreen = memo(function BelowFirstScreen({
  deal,
  buyers,
  reviews,
  skew,
  all,
}: {
  deal: DealDetail
  buyers: ReturnType<typeof useBuyers>['data']
  reviews: ReturnType<typeof useReviews>['data']
  skew: number
  /** False: the buyers and the shop only (the deal's details and reviews come one render later). */
  all: boolean
}) {
  const now = deal.serverTime
  return (
    <>
      {buyers && <BuyerListView buyers={buyers} now={Date.now() + skew} />}
      <ShopCard shop={deal.shop} />
      {all && <DealInfo deal={deal} now={now} />}
      {all && reviews && <ReviewsView reviews={reviews} now={now} />}
    </>
  )
})

/**
 * 0 for the page's first render, then one more after each render (as a transition) up to `steps`: what lies below
 * the first screen is rendered, committed and laid out in later tasks than the first screen, a part at a time, so
 * none of them makes one long task on a slow phone.
 */
function useRevealSteps(steps: number): number {
  const [shown, setShown] = useState(0)
  useEffect(() => {
    if (shown < steps) startTransition(() => setShown(shown + 1))
  }, [shown, steps])
  return shown
}

export default withH5Bar(DealPage, '团购详情')
