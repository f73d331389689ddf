import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DealCard as DealCardView, DealEarning } from '@core/contracts/views'
import { discountLabel } from '@core/money/basis-points'
import { mediaUrl } from '@/shared/api/media'
import { formatCount } from '@/shared/format/count'
import { formatDateTime } from '@/shared/format/time'
import { Badge, Price } from '@/shared/ui'
import { coverRibbon, FEW_LEFT } from '../model/saleState'
import { groupTag } from '../model/group'
import { dealPath } from '../model/dealParams'
import { distanceLabel } from '../model/location'
import { EarnChip } from '@/features/promoter/share/EarnChip'
import './DealCard.css'

/**
 * A deal in a list: cover, title, shop (and how far, in 附近), refund promises, price with discount, sold and
 * left, or when an upcoming deal opens; for a promoter, 分享赚 with one-tap sharing. Tap opens the deal.
 */
export function DealCard({ deal, earning }: { deal: DealCardView; earning?: DealEarning }) {
  const ribbon = coverRibbon(deal.saleState)
  const discount = discountLabel(deal.priceFen, deal.originalPriceFen)
  const few = deal.saleState === 'on_sale' && deal.stockLeft > 0 && deal.stockLeft <= FEW_LEFT
  return (
    <View
      className={`deal-card${ribbon ? ' deal-card--inactive' : ''}`}
      hoverClass='deal-card--pressed'
      onClick={() => void Taro.navigateTo({ url: dealPath(deal.id) })}
    >
      <View className='deal-card__cover'>
        <Image className='deal-card__img' src={mediaUrl(deal.cover)} mode='aspectFill' lazyLoad />
        {ribbon && <Text className='deal-card__ribbon'>{ribbon}</Text>}
      </View>
      <View className='deal-card__body'>
        <Text className='deal-card__title'>{deal.title}</Text>
        <Text className='deal-card__shop'>{deal.distanceM === undefined ? deal.shopName : `${deal.shopName} · ${distanceLabel(deal.distanceM)}`}</Text>
        <View className='deal-card__badges'>
          {deal.refundAnytime && <Badge tone='trust'>随时退</Badge>}
          {deal.refundOnExpiry && <Badge tone='trust'>过期退</Badge>}
          {deal.group && (
            <Badge tone='price' outline>
              {groupTag(deal.group)}
            </Badge>
          )}
        </View>
        <EarnChip dealId={deal.id} title={deal.title} earning={earning} />
        <View className='deal-card__bottom'>
          <View className='deal-card__price'>
            <Price fen={deal.priceFen} originalFen={deal.originalPriceFen} size='sm' />
            {discount && (
              <View className='deal-card__discount'>
                <Badge tone='price' outline>
                  {discount}
                </Badge>
              </View>
            )}
          </View>
          <View className='deal-card__stats'>
            <Text>已售 {formatCount(deal.sold)}</Text>
            {deal.saleState === 'not_started' ? (
              <Text className='deal-card__opens'>{formatDateTime(deal.saleStart)} 开抢</Text>
            ) : deal.saleState === 'sold_out' ? null : (
              <Text className={few ? 'deal-card__left deal-card__left--few' : 'deal-card__left'}>
                {few ? `仅剩 ${deal.stockLeft} 份` : `剩 ${formatCount(deal.stockLeft)} 份`}
              </Text>
            )}
          </View>
        </View>
      </View>
    </View>
  )
}
