import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef } from 'react'
import type { DealAdminView } from '@core/contracts/views'
import { listShopDeals } from '@/features/staff/api/deals'
import { StaffArea, type StaffContext } from '@/features/staff/components/StaffArea'
import { ownerDealBadge } from '@/features/staff/model/dealStatus'
import { dealEditUrl } from '@/features/staff/owner/links'
import { mediaUrl } from '@/shared/api'
import { formatDateTimeRange } from '@/shared/format'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState, Price, withH5Bar } from '@/shared/ui'
import '@/features/staff/components/staff.css'
import '@/features/staff/owner/owner.css'

/** 团购管理 (owners): every deal of the shop, drafts included, with status, sold and stock. */
function StaffDealsPage() {
  return (
    <View className='page'>
      <StaffArea ownerOnly>{(ctx) => <DealList key={ctx.shop.shopId} ctx={ctx} />}</StaffArea>
    </View>
  )
}

function DealList({ ctx }: { ctx: StaffContext }) {
  const shopId = ctx.shop.shopId
  const deals = useRemote(() => listShopDeals(shopId), [shopId])
  const shown = useRef(false)
  // Back from the editor: show what changed.
  useDidShow(() => {
    if (shown.current) void deals.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    void deals.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const create = () => void Taro.navigateTo({ url: dealEditUrl(shopId) })

  if (deals.data === null && deals.loading) return <PageState kind='loading' skeleton='cards' />
  if (deals.data === null) return <PageState kind='error' message={deals.error?.message ?? '加载失败'} onRetry={() => void deals.reload()} />
  if (deals.data.length === 0) {
    return <PageState kind='empty' title='还没有团购' description='新建一个团购，填好价格、库存和有效期后发布，顾客就能在群里看到和购买。' actionLabel='新建团购' onAction={create} />
  }
  const counts = deals.data.reduce<Record<string, number>>((m, d) => ({ ...m, [ownerDealBadge(d).key]: (m[ownerDealBadge(d).key] ?? 0) + 1 }), {})
  return (
    <View>
      <View className='so-toolbar'>
        <Text className='st-muted'>
          共 {deals.data.length} 个 · 售卖中 {counts.on_sale ?? 0} · 草稿 {counts.draft ?? 0}
        </Text>
        <Button size='sm' onClick={create}>
          新建团购
        </Button>
      </View>
      {deals.error && <View className='st-banner st-banner--error'>{deals.error.message}</View>}
      {deals.data.map((d) => (
        <DealRow key={d.id} deal={d} onOpen={() => void Taro.navigateTo({ url: dealEditUrl(shopId, d.id) })} />
      ))}
    </View>
  )
}

function DealRow({ deal: d, onOpen }: { deal: DealAdminView; onOpen: () => void }) {
  // One status per deal: a published deal that cannot be bought now says why instead of 售卖中.
  const badge = ownerDealBadge(d)
  return (
    <View className='so-deal' hoverClass='so-deal--pressed' onClick={onOpen}>
      {d.cover ? <Image className='so-deal__cover' src={mediaUrl(d.cover)} mode='aspectFill' /> : <View className='so-deal__cover so-deal__cover--none'>无图</View>}
      <View className='so-deal__body'>
        <View className='st-row'>
          <Text className={`st-badge st-badge--${badge.tone}`}>{badge.label}</Text>
          {d.group && <Text className='st-badge st-badge--warn so-deal__group'>成团 {d.group.count}/{d.group.min}</Text>}
        </View>
        <Text className='so-deal__title'>{d.title}</Text>
        <Price fen={d.priceFen} originalFen={d.originalPriceFen} size='sm' />
        <Text className='so-deal__meta'>
          已售 {d.sold} · 库存 {d.stockLeft}
        </Text>
        <Text className='so-deal__meta'>售卖 {formatDateTimeRange(d.saleStart, d.saleEnd)}</Text>
      </View>
    </View>
  )
}

export default withH5Bar(StaffDealsPage, '团购管理', '/pages/me/index')
