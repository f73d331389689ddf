import { Text, View } from '@tarojs/components'
import { formatYuan } from '@core/money/format-yuan'
import './checkout.css'
import './local-pay.css'

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
      <View className='ck-pay' role='dialog' ariaLabel='微信支付'>
        <View className='ck-pay__top'>
          <View className='ck-pay__close' ariaLabel='关闭' onClick={props.onCancel}>
            ×
          </View>
          <Text className='ck-pay__brand'>微信支付</Text>
          <Text className='ck-pay__tag'>本地模拟</Text>
        </View>
        <Text className='ck-pay__desc'>{props.description}</Text>
        <View className='ck-pay__amount'>
          <Text className='ck-pay__symbol'>¥</Text>
          <Text className='ck-pay__value'>{formatYuan(props.amountFen)}</Text>
        </View>
        <View className='ck-pay__row'>
          <Text className='ck-pay__key'>付款方式</Text>
          <Text className='ck-pay__val'>零钱（模拟，不会扣款）</Text>
        </View>
        {props.error && <Text className='ck-error'>{props.error}</Text>}
        <View className={`ck-pay__confirm${props.busy ? ' ck-pay__confirm--busy' : ''}`} hoverClass='ck-pay__confirm--pressed' onClick={props.onConfirm}>
          <Text>{props.busy ? '正在支付…' : '确认支付'}</Text>
        </View>
        <View className='ck-pay__cancel' onClick={props.onCancel}>
          <Text>取消</Text>
        </View>
      </View>
    </View>
  )
}
