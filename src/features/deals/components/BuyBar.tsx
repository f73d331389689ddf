import { Image, Button as NativeButton, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { SaleState } from '@core/contracts/views'
import { Button, Price } from '@/shared/ui'
import { buyAction } from '../model/saleState'
import homeIcon from '@/assets/tabbar/bar-home.png'
import shareIcon from '@/assets/tabbar/bar-share.png'

/**
 * The deal page's bottom bar: home, share (mini-program), the price again and a buy button that knows the sale
 * state; pressing it (on sale only) opens the checkout sheet.
 */
export function BuyBar({ saleState, priceFen, onBuy }: { saleState: SaleState; priceFen: number; onBuy: () => void }) {
  const act = buyAction(saleState)
  return (
    <View className='buy-bar'>
      <View className='buy-bar__icon' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
        <Image className='buy-bar__glyph' src={homeIcon} />
        <Text className='buy-bar__icon-label'>首页</Text>
      </View>
      {process.env.TARO_ENV === 'weapp' && (
        <NativeButton className='buy-bar__icon buy-bar__share' openType='share'>
          <Image className='buy-bar__glyph' src={shareIcon} />
          <Text className='buy-bar__icon-label'>分享</Text>
        </NativeButton>
      )}
      <View className='buy-bar__price'>
        <Price fen={priceFen} size='md' />
      </View>
      <View className='buy-bar__action'>
        <Button
          size='lg'
          block
          disabled={!act.enabled}
          onClick={onBuy}
        >
          {act.label}
        </Button>
      </View>
    </View>
  )
}
