import { Text, View } from '@tarojs/components'
import type { OrderView } from '@core/contracts/views'
import { formatCode } from '@core/codes/redemption-code'
import { codeStateLabel, isUsable } from '../model/orderState'
import { QrCode } from './QrCode'

/**
 * The order's codes: each unused one as a QR code and its text in groups of four ("ABCD EFGH JKLM"), with its
 * state; locked (拼团中) codes are greyed. In refund mode, unused codes can be ticked.
 */
export function CodeList({
  order,
  selecting,
  selected,
  onToggle,
}: {
  order: OrderView
  selecting: boolean
  selected: ReadonlySet<string>
  onToggle: (code: string) => void
}) {
  return (
    <View className='order-codes'>
      {order.codes.map((c) => {
        const usable = isUsable(c, order.state)
        const locked = c.state === 'unused' && order.state === 'grouping'
        const selectable = selecting && c.state === 'unused'
        const ticked = selected.has(c.code)
        return (
          <View
            key={c.code}
            className={`order-code order-code--${usable ? 'usable' : locked ? 'locked' : c.state}${ticked ? ' order-code--ticked' : ''}`}
            onClick={selectable ? () => onToggle(c.code) : undefined}
          >
            {c.state === 'unused' && (
              <View className='order-code__qr-box'>
                <QrCode text={c.code} className='order-code__qr' />
                {locked && <Text className='order-code__lock'>拼团中 · 成团后可用</Text>}
              </View>
            )}
            <View className='order-code__line'>
              {selectable && <View className={`order-code__check${ticked ? ' order-code__check--on' : ''}`}>{ticked ? '✓' : ''}</View>}
              <Text className='order-code__text' userSelect>
                {formatCode(c.code)}
              </Text>
              <Text className={`order-code__state order-code__state--${usable ? 'usable' : locked ? 'locked' : c.state}`}>{codeStateLabel(c, order.state)}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
