import { Text, View } from '@tarojs/components'
import type { DealDetail } from '@core/contracts/views'
import { formatDateRange, formatDateTimeRange } from '@/shared/format/time'
import { Description } from './Description'

/** 购买须知: when it sells, when the voucher can be used, the rules; then the description and the refund promises. */
export function DealInfo({ deal, now }: { deal: DealDetail; now: number }) {
  return (
    <View>
      <View className='deal-section'>
        <Text className='deal-section__title'>购买须知</Text>
        <View className='deal-facts'>
          <View className='deal-facts__row'>
            <Text className='deal-facts__key'>售卖时间</Text>
            <Text className='deal-facts__value'>{formatDateTimeRange(deal.saleStart, deal.saleEnd, now)}</Text>
          </View>
          <View className='deal-facts__row'>
            <Text className='deal-facts__key'>有效期</Text>
            <Text className='deal-facts__value'>{formatDateRange(deal.validStart, deal.validEnd, now)}</Text>
          </View>
          {deal.rules.length > 0 && (
            <View className='deal-facts__row'>
              <Text className='deal-facts__key'>使用规则</Text>
              <View className='deal-facts__value'>
                {deal.rules.map((r, i) => (
                  <Text key={i} className='deal-facts__rule'>
                    {r}
                  </Text>
                ))}
              </View>
            </View>
          )}
        </View>
      </View>
      {deal.description.trim() !== '' && (
        <View className='deal-section'>
          <Text className='deal-section__title'>团购详情</Text>
          <Description text={deal.description} />
        </View>
      )}
      {(deal.refundAnytime || deal.refundOnExpiry) && (
        <View className='deal-section'>
          <Text className='deal-section__title'>退款保障</Text>
          {deal.refundAnytime && (
            <View className='deal-promise'>
              <Text className='deal-promise__name'>随时退</Text>
              <Text className='deal-promise__text'>未使用的券码可随时申请退款，原路退回</Text>
            </View>
          )}
          {deal.refundOnExpiry && (
            <View className='deal-promise'>
              <Text className='deal-promise__name'>过期退</Text>
              <Text className='deal-promise__text'>有效期结束仍未使用的券码自动退款</Text>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
