import { Text, View } from '@tarojs/components'
import type { CommissionLineView } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format'
import { Badge, type BadgeTone } from '@/shared/ui'
import { EmptyNote } from './EmptyNote'
import { lineStatusName, whenAvailable } from '../model/lines'
import { ledgerYuan } from '../model/money'
import './promoter.css'

const TONE: Record<CommissionLineView['status'], BadgeTone> = { pending: 'neutral', settled: 'trust', reversed: 'neutral' }

/**
 * The latest commission lines (one per voucher), each with its history — 待结算 → 已结算 → 已冲正 with times —
 * and when its fen become withdrawable, so the promoter can follow every fen.
 */
export function CommissionLines({ lines, now }: { lines: CommissionLineView[]; now: number }) {
  return (
    <View className='pc-card'>
      <View className='pc-card__head'>
        <Text className='pc-card__title'>佣金明细</Text>
        <Text className='pc-card__aside'>最近 {lines.length} 笔 · 每张券一笔</Text>
      </View>
      {lines.length === 0 ? (
        <EmptyNote title='还没有佣金' description='顾客通过你的分享下单后，每张券的佣金会出现在这里' />
      ) : (
        lines.map((l) => (
          <View key={l.id} className={`pc-line pc-line--${l.status}`}>
            <View className='pc-line__head'>
              <Text className='pc-line__title'>{l.dealTitle}</Text>
              <Text className='pc-line__amount'>{ledgerYuan(l.amountFen)}</Text>
            </View>
            <View className='pc-line__state'>
              <Badge tone={TONE[l.status]} outline={l.status === 'reversed'}>
                {lineStatusName(l.status)}
              </Badge>
              <Text className='pc-line__when'>{whenAvailable(l, now)}</Text>
            </View>
            <View className='pc-line__history'>
              {l.history.map((h, i) => (
                <Text key={`${h.status}-${h.at}-${i}`} className='pc-line__step'>
                  {i > 0 ? '→ ' : ''}
                  {lineStatusName(h.status)} {formatDateTime(h.at, now)}
                </Text>
              ))}
              {l.status === 'settled' && l.availableAt !== null && (
                <Text className='pc-line__step'>
                  → {l.availableAt > now ? '预计到账' : '到账'} {formatDateTime(l.availableAt, now)}
                </Text>
              )}
            </View>
            <Text className='pc-line__order'>订单 {l.orderId}</Text>
          </View>
        ))
      )}
    </View>
  )
}
