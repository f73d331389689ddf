import { Text, View } from '@tarojs/components'
import { formatYuanFixed } from '@core/money/format-yuan'
import '@/shared/ui/wechat-sheet.css'
import './local-transfer.css'

/**
 * Local development only: a stand-in for WeChat's 确认收款 page of a merchant transfer (商家转账): who pays, the
 * amount, 确认收款 / 取消. No money moves; 确认收款 makes the local gateway send the transfer callback WeChat Pay
 * would send. Same look and the same 本地模拟 note as the local payment sheet of checkout.
 */
export function LocalTransferSheet(props: {
  amountFen: number
  busy: boolean
  error: string | null
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <View className='px-mask' catchMove>
      <View className='wx-sheet' role='dialog' ariaLabel='确认收款'>
        <View className='wx-sheet__top'>
          <View className='wx-sheet__close' ariaLabel='关闭' onClick={props.onCancel}>
            ×
          </View>
          <Text className='wx-sheet__brand'>微信 · 确认收款</Text>
          <Text className='wx-sheet__tag'>本地模拟</Text>
        </View>
        <Text className='wx-sheet__desc'>团卡 向你转账 · 推手佣金提现</Text>
        <View className='wx-sheet__amount'>
          <Text className='wx-sheet__symbol'>¥</Text>
          <Text className='wx-sheet__value'>{formatYuanFixed(props.amountFen)}</Text>
        </View>
        <View className='wx-sheet__row'>
          <Text className='wx-sheet__key'>收款方式</Text>
          <Text className='wx-sheet__val'>零钱（模拟，不会真的转账）</Text>
        </View>
        {props.error && <Text className='wx-sheet__error'>{props.error}</Text>}
        <View className={`wx-sheet__confirm${props.busy ? ' wx-sheet__confirm--busy' : ''}`} hoverClass='wx-sheet__confirm--pressed' onClick={props.onConfirm}>
          <Text>{props.busy ? '正在确认…' : '确认收款'}</Text>
        </View>
        <View className='wx-sheet__cancel' onClick={props.onCancel}>
          <Text>取消</Text>
        </View>
      </View>
    </View>
  )
}
