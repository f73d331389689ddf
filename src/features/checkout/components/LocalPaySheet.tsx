import { Text, View } from '@tarojs/components'
import { formatYuan } from '@core/money/format-yuan'
import './checkout.css'
import '@/shared/ui/wechat-sheet.css'

/**
 * Local development only: a stand-in for WeChat Pay's own sheet (amount, what is paid for, 确认支付 / 取消).
 * Nothing is charged; 确认支付 makes the local gateway send the payment callback WeChat would send.
 */
export function LocalPaySheet(props: {
  amountFen: number
  description: string
  busy: boolean
  error: string | null
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <View className='ck-mask ck-mask--pay' catchMove>
      <View className='wx-sheet' role='dialog' ariaLabel='微信支付'>
        <View className='wx-sheet__top'>
          <View className='wx-sheet__close' ariaLabel='关闭' onClick={props.onCancel}>
            ×
          </View>
          <Text className='wx-sheet__brand'>微信支付</Text>
          <Text className='wx-sheet__tag'>本地模拟</Text>
        </View>
        <Text className='wx-sheet__desc'>{props.description}</Text>
        <View className='wx-sheet__amount'>
          <Text className='wx-sheet__symbol'>¥</Text>
          <Text className='wx-sheet__value'>{formatYuan(props.amountFen)}</Text>
        </View>
        <View className='wx-sheet__row'>
          <Text className='wx-sheet__key'>付款方式</Text>
          <Text className='wx-sheet__val'>零钱（模拟，不会扣款）</Text>
        </View>
        {props.error && <Text className='ck-error'>{props.error}</Text>}
        <View className={`wx-sheet__confirm${props.busy ? ' wx-sheet__confirm--busy' : ''}`} hoverClass='wx-sheet__confirm--pressed' onClick={props.onConfirm}>
          <Text>{props.busy ? '正在支付…' : '确认支付'}</Text>
        </View>
        <View className='wx-sheet__cancel' onClick={props.onCancel}>
          <Text>取消</Text>
        </View>
      </View>
    </View>
  )
}
