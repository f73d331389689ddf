import { Text, View } from '@tarojs/components'
import type { CommissionLineView, PromoterOrderView } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format'
import { Badge, type BadgeTone } from '@/shared/ui'
import { lineStatusName, whenAvailable } from '../model/lines'
import { ledgerYuan } from '../model/money'
import { ruleName, whyYours } from './why'
import '../components/promoter.css'
import './orders.css'

const TONE: Record<CommissionLineView['status'], BadgeTone> = { pending: 'neutral', settled: 'trust', reversed: 'neutral' }

/**
 * One attributed order: what was bought and by whom (masked), why it is the promoter's, whether it earns (a shop
 * that requires approval and has not approved: no commission, said plainly), and every voucher's line with its
 * history and when it becomes withdrawable.
 */
export function PromoterOrderCard({ order: o, now }: { order: PromoterOrderView; now: number }) {
  return (
    <View className='po-card'>
      <View className='po-card__head'>
        <Text className='po-card__title'>{o.dealTitle}</Text>
        {o.commissionCounts ? (
          <Text className='po-card__fen'>{ledgerYuan(o.commissionFen)}</Text>
        ) : (
          <Text className='po-card__fen po-card__fen--none'>不计佣金</Text>
        )}
      </View>
      <Text className='po-card__meta'>
        {o.shopName} · {o.buyerMasked} · {o.units} 份 · {formatDateTime(o.paidAt, now)} 付款
      </Text>
      <View className='po-why'>
        <View className='po-why__head'>
          <Text className='po-why__title'>为什么算你的</Text>
          <Text className='po-why__rule'>{ruleName(o.rule)}</Text>
        </View>
        <Text className='po-why__text'>{whyYours(o, now)}</Text>
      </View>
      {!o.commissionCounts && (
        <Text className='po-card__warn'>店铺审核通过后的订单才计佣金：这笔订单下单时，店铺还没有通过你的推手审核，所以不产生佣金。</Text>
      )}
      {o.lines.length > 0 && (
        <View className='po-lines'>
          {o.lines.map((l, i) => (
            <View key={l.id} className={`po-line pc-line--${l.status}`}>
              <View className='po-line__head'>
                <Text className='po-line__name'>第 {i + 1} 张券</Text>
                <Badge tone={TONE[l.status]} outline={l.status === 'reversed'}>
                  {lineStatusName(l.status)}
                </Badge>
                <Text className='po-line__fen'>{ledgerYuan(l.amountFen)}</Text>
              </View>
              <Text className='po-line__when'>{whenAvailable(l, now)}</Text>
              <Text className='po-line__history'>
                {l.history.map((h, k) => `${k > 0 ? ' → ' : ''}${lineStatusName(h.status)} ${formatDateTime(h.at, now)}`).join('')}
                {l.status === 'settled' && l.availableAt !== null ? ` → ${l.availableAt > now ? '预计可提现' : '可提现'} ${formatDateTime(l.availableAt, now)}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
      <Text className='po-card__id'>订单 {o.orderId}</Text>
    </View>
  )
}
