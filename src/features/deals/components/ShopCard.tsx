import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ShopBrief } from '@core/contracts/views'

/** The shop: name, hours, address, 导航 (the map, when the shop has a location) and a phone button. */
export function ShopCard({ shop }: { shop: ShopBrief }) {
  const openMap = () => {
    if (!shop.location) return
    const { lat, lng } = shop.location
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.openLocation({ latitude: lat, longitude: lng, name: shop.name, address: shop.address, scale: 16 }).catch(() => undefined)
    } else {
      // A browser has no built-in map: open Tencent Maps' public marker page (WeChat's own map provider).
      const url = `https://apis.map.qq.com/uri/v1/marker?marker=coord:${lat},${lng};title:${encodeURIComponent(shop.name)};addr:${encodeURIComponent(shop.address)}&referer=tuanka`
      window.open(url, '_blank', 'noopener')
    }
  }
  const call = () => {
    void Taro.makePhoneCall({ phoneNumber: shop.phone }).catch(() => undefined)
  }
  return (
    <View className='deal-section shop-card'>
      <Text className='deal-section__title'>适用门店</Text>
      <Text className='shop-card__name'>{shop.name}</Text>
      {shop.hours !== '' && <Text className='shop-card__hours'>营业时间 {shop.hours}</Text>}
      <View className='shop-card__row'>
        <View className={`shop-card__address${shop.location ? ' shop-card__address--link' : ''}`} onClick={openMap}>
          <Text className='shop-card__address-text'>{shop.address}</Text>
        </View>
        {shop.location && (
          <View className='shop-card__call' hoverClass='shop-card__call--pressed' onClick={openMap}>
            <Text>导航</Text>
          </View>
        )}
        {shop.phone !== '' && (
          <View className='shop-card__call' hoverClass='shop-card__call--pressed' onClick={call}>
            <Text>电话</Text>
          </View>
        )}
      </View>
    </View>
  )
}
