import { Text, View } from '@tarojs/components'
import type { WithdrawalView } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format'
import { formatRefNo } from '@/shared/format/refNo'
import { Badge, Button, type BadgeTone } from '@/shared/ui'
import { ledgerYuan } from '../model/money'
import './promoter.css'

const STATUS: Record<WithdrawalView['status'], { label: string; tone: BadgeTone }> = {
  requested: { label: '提现中', tone: 'neutral' },
  paid: { label: '已到账', tone: 'trust' },
  failed: { label: '失败', tone: 'neutral' },
}

/** What happens next for one withdrawal, in words. */
export function withdrawalNote(w: WithdrawalView, now: number = Date.now()): string {
  if (w.status === 'paid') return w.paidAt ? `${formatDateTime(w.paidAt, now)} 到账微信零钱` : '已到账微信零钱'
  if (w.status === 'failed') return `${w.failReason ?? '转账未完成'}，${ledgerYuan(w.amountFen)} 已退回可提现余额`
  if (w.transfer) return '等你在微信里确认收款；超时未确认，金额会退回可提现余额'
  return '已确认收款，微信支付处理中'
}

/** 提现记录: every withdrawal with its state (提现中 / 已到账 / 失败 and why, money back); 确认收款 while it waits. */
export function WithdrawalList({
  items,
  confirming,
  disabled,
  onConfirm,
}: {
  items: WithdrawalView[]
  confirming: string | null
  disabled: boolean
  onConfirm: (w: WithdrawalView) => void
}) {
  if (items.length === 0) return null
  const now = Date.now()
  return (
    <View className='pc-card pc-wd'>
      <View className='pc-card__head'>
        <Text className='pc-card__title'>提现记录</Text>
        <Text className='pc-card__aside'>最近 {items.length} 笔</Text>
      </View>
      {items.map((w) => (
        <View key={w.id} className={`pc-wd__item pc-wd__item--${w.status}`}>
          <View className='pc-wd__head'>
            <Text className='pc-wd__amount'>{ledgerYuan(w.amountFen)}</Text>
            <Badge tone={STATUS[w.status].tone} outline={w.status === 'failed'}>
              {STATUS[w.status].label}
            </Badge>
          </View>
          <Text className='pc-wd__note'>{withdrawalNote(w, now)}</Text>
          <View className='pc-wd__foot'>
            <Text className='pc-wd__when'>
              {formatDateTime(w.createdAt, now)} 申请 · 单号 {formatRefNo(w.id)}
            </Text>
            {w.status === 'requested' && w.transfer && (
              <Button size='sm' disabled={disabled} onClick={() => onConfirm(w)}>
                {confirming === w.id ? '确认中…' : '确认收款'}
              </Button>
            )}
          </View>
        </View>
      ))}
    </View>
  )
}
