import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageState } from '@/shared/ui'

/** 订单: the orders list arrives with checkout; until then, the honest empty state (no fake orders). */
export default function OrdersPage() {
  return (
    <View className='page'>
      <PageState
        kind='empty'
        title='还没有订单'
        description='买过的团购券会出现在这里，随时退、过期自动退'
        actionLabel='去逛逛'
        onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
      />
    </View>
  )
}
