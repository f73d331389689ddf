import { Text, View } from '@tarojs/components'
import type { DealDetail } from '@core/contracts/views'
import { discountLabel } from '@core/money/basis-points'
import { formatCount } from '@/shared/format/count'
import { formatDateTime, formatDuration } from '@/shared/format/time'
import { Badge, Price } from '@/shared/ui'
import { FEW_LEFT } from '../model/saleState'

/** Price, title, promises and how many are left: the part of the deal page people decide on. */
export function DealSummary({ deal, now }: { deal: DealDetail; now: number }) {
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
        <Text className='deal-summary__window'>{windowText(deal, now)}</Text>
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
      return `${formatDateTime(deal.saleStart, now)} 开抢 · 还有${formatDuration(deal.saleStart - now)}`
    case 'on_sale':
    case 'sold_out':
      return deal.saleEnd - now < 3 * 24 * 3600_000
        ? `距结束还有${formatDuration(deal.saleEnd - now)}`
        : `${formatDateTime(deal.saleEnd, now)} 截止`
    case 'ended':
      return '活动已结束'
    case 'paused':
      return '商家暂停售卖'
    case 'draft':
      return '尚未上架'
  }
}
