import { Text, View } from '@tarojs/components'
import type { DealDetail, ReviewSummary } from '@core/contracts/views'
import { discountLabel } from '@core/money/basis-points'
import { formatCount } from '@/shared/format/count'
import { formatCountdown, formatDateTime } from '@/shared/format/time'
import { Badge, Price } from '@/shared/ui'
import { FEW_LEFT } from '../model/saleState'

/** Within this much of its start or end, a sale shows a ticking countdown instead of a date. */
export const COUNTDOWN_WITHIN_MS = 3 * 24 * 3600_000

/**
 * Price, rating, title, promises and how many are left: the part of the deal page people decide on. `now` ticks
 * (the page's useNow) so the countdown moves; tapping the rating calls `onRating` (the page scrolls to 评价).
 */
export function DealSummary({
  deal,
  now,
  rating,
  onRating,
}: {
  deal: DealDetail
  now: number
  rating?: Pick<ReviewSummary, 'average' | 'count'> | null
  onRating?: () => void
}) {
  const discount = discountLabel(deal.priceFen, deal.originalPriceFen)
  const few = deal.saleState === 'on_sale' && deal.stockLeft > 0 && deal.stockLeft <= FEW_LEFT
  return (
    <View className='deal-summary'>
      <View className='deal-summary__price-row'>
        <Price fen={deal.priceFen} originalFen={deal.originalPriceFen} size='lg' />
        {discount && (
          <View className='deal-summary__discount'>
            <Badge tone='price'>{discount}</Badge>
          </View>
        )}
        <Text className='deal-summary__sold'>已售 {formatCount(deal.sold)}</Text>
      </View>
      {rating && rating.average !== null && rating.count > 0 && (
        <View className='deal-summary__rating' onClick={onRating}>
          <Text className='deal-summary__stars'>★ {rating.average.toFixed(1)}</Text>
          <Text className='deal-summary__reviews'>{rating.count} 条评价 ›</Text>
        </View>
      )}
      <Text className='deal-summary__title'>{deal.title}</Text>
      <View className='deal-summary__badges'>
        {deal.refundAnytime && <Badge tone='trust'>随时退</Badge>}
        {deal.refundOnExpiry && <Badge tone='trust'>过期退</Badge>}
        <Badge tone='neutral'>每人限购 {deal.perUserLimit} 份</Badge>
      </View>
      <View className='deal-summary__status'>
        <Text className={few || deal.saleState === 'sold_out' ? 'deal-summary__stock deal-summary__stock--few' : 'deal-summary__stock'}>
          {stockText(deal, few)}
        </Text>
        <Text className={`deal-summary__window${showsCountdown(deal, now) ? ' deal-summary__window--ticking' : ''}`}>{windowText(deal, now)}</Text>
      </View>
    </View>
  )
}

function stockText(deal: DealDetail, few: boolean): string {
  if (deal.saleState === 'sold_out' || deal.stockLeft <= 0) return '已售罄'
  return few ? `仅剩 ${deal.stockLeft} 份` : `剩余 ${formatCount(deal.stockLeft)} 份`
}

function windowText(deal: DealDetail, now: number): string {
  switch (deal.saleState) {
    case 'not_started':
      return `${formatDateTime(deal.saleStart, now)} 开抢${deal.saleStart - now < COUNTDOWN_WITHIN_MS ? ` · ${formatCountdown(deal.saleStart - now)}` : ''}`
    case 'on_sale':
    case 'sold_out':
      return deal.saleEnd - now < COUNTDOWN_WITHIN_MS ? `距结束 ${formatCountdown(deal.saleEnd - now)}` : `${formatDateTime(deal.saleEnd, now)} 截止`
    case 'ended':
      return '活动已结束'
    case 'paused':
      return '商家暂停售卖'
    case 'draft':
      return '尚未上架'
  }
}

/** Whether the summary shows a countdown now (the page ticks its clock only then). */
export function showsCountdown(deal: Pick<DealDetail, 'saleState' | 'saleStart' | 'saleEnd'>, now: number): boolean {
  if (deal.saleState === 'not_started') return deal.saleStart - now < COUNTDOWN_WITHIN_MS
  return deal.saleState === 'on_sale' && deal.saleEnd - now < COUNTDOWN_WITHIN_MS
}
