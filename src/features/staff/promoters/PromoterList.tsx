import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ShopPromoterCounts, ShopPromoterView } from '@core/contracts/views'
import { formatYuanFixed } from '@core/money/format-yuan'
import { toApiError } from '@/shared/api'
import { formatDate } from '@/shared/format'
import { Button, PageState } from '@/shared/ui'
import { Card } from '../components/Fields'
import { reviewPromoter } from './api/reviewPromoter'
import { approvalName } from './policy'
import './promoters.css'

const yuan = (fen: number) => (fen < 0 ? `-¥${formatYuanFixed(-fen)}` : `¥${formatYuanFixed(fen)}`)

/** A promoter as the caller may see them: staff the owner keeps money from get no commission figures. */
type Listed = ShopPromoterView | ShopPromoterCounts

/** Pending first (the function's order), then the rest as they came; a decision moves nobody around. */
export interface PromoterListProps {
  shopId: string
  items: Listed[] | null
  loading: boolean
  error: string | null
  onRetry: () => void
  /** Owner: approve / reject. Staff: read-only. */
  canReview: boolean
  approvalRequired: boolean
}

/**
 * The promoters who shared the shop's deals: approval state, funnel on this shop (浏览 → 访客 → 下单 → 付款 → 核销)
 * and, where the caller may see money, commission (live, and settled). Pending ones get 通过 / 不通过 for the owner.
 */
export function PromoterList({ shopId, items, loading, error, onRetry, canReview, approvalRequired }: PromoterListProps) {
  const [list, setList] = useState<Listed[] | null>(items)
  const [busy, setBusy] = useState<string | null>(null)
  useEffect(() => setList(items), [items])

  const decide = async (p: Listed, decision: 'approved' | 'rejected') => {
    if (busy) return
    if (decision === 'rejected') {
      const ok = await Taro.showModal({
        title: p.approval === 'approved' ? '取消推手资格' : '不通过推手',
        content: `「${p.name}」之后带来的订单将不计佣金；已经产生的佣金不受影响。确定吗？`,
        confirmText: '确定',
        confirmColor: '#d93025',
        cancelText: '取消',
      })
      if (!ok.confirm) return
    }
    setBusy(p.promoterId)
    try {
      const next = await reviewPromoter(shopId, p.promoterId, decision)
      setList((l) => (l ?? []).map((x) => (x.promoterId === next.promoterId ? next : x)))
      void Taro.showToast({ title: decision === 'approved' ? `已通过${p.name}` : `已设为不通过`, icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toApiError(e).message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const pending = (list ?? []).filter((p) => p.approval === 'pending').length
  return (
    <Card title={list ? `推手（${list.length}）` : '推手'} extra={<Text className='st-muted'>只统计本店团购</Text>}>
      {list === null && loading && <PageState kind='loading' skeleton='rows' />}
      {list === null && !loading && error && <PageState kind='error' message={error} onRetry={onRetry} />}
      {list && list.length === 0 && (
        <Text className='st-muted'>还没有推手分享过本店的团购。推手在团购页分享到群或生成海报后，会出现在这里。</Text>
      )}
      {list && pending > 0 && (
        <Text className='sp-summary'>
          {pending} 位推手等待审核{canReview ? '：通过后，他们之后带来的订单才计佣金' : '，由店主审核'}
        </Text>
      )}
      {list?.map((p) => (
        <View key={p.promoterId} className='sp-item'>
          <View className='sp-item__head'>
            <View className='sp-item__avatar'>{Array.from(p.name)[0] ?? '推'}</View>
            <View className='sp-item__who'>
              <Text className='sp-item__name'>{p.name}</Text>
              <Text className='sp-item__since'>{formatDate(p.firstSeenAt)} 起分享本店团购</Text>
            </View>
            <Text className={`st-badge sp-badge--${p.approval}`}>{approvalName(p.approval)}</Text>
          </View>
          <View className='sp-steps'>
            <Step label='浏览' value={p.visits} />
            <Step label='访客' value={p.visitors} />
            <Step label='下单' value={p.placed} />
            <Step label='付款' value={p.orders} />
            <Step label='核销' value={p.redeemed} />
          </View>
          {'commissionFen' in p && (
            <View className='sp-money'>
              <Text>
                佣金 <Text className='sp-money__fen'>{yuan(p.commissionFen)}</Text>
              </Text>
              <Text>
                已结算 <Text className='sp-money__fen'>{yuan(p.settledFen)}</Text>
              </Text>
            </View>
          )}
          {p.approval === 'pending' && !canReview && <Text className='sp-item__note'>等待店主审核；审核前带来的订单不计佣金。</Text>}
          {p.approval === 'rejected' && <Text className='sp-item__note'>未通过：TA 带来的订单不计佣金。</Text>}
          {canReview && (p.approval === 'pending' || p.approval === 'rejected' || (p.approval === 'approved' && approvalRequired)) && (
            <View className='sp-item__actions'>
              {p.approval !== 'rejected' && (
                <Button size='sm' variant='ghost' disabled={busy !== null} onClick={() => void decide(p, 'rejected')}>
                  {p.approval === 'approved' ? '取消资格' : '不通过'}
                </Button>
              )}
              {p.approval !== 'approved' && (
                <Button size='sm' disabled={busy !== null} onClick={() => void decide(p, 'approved')}>
                  {busy === p.promoterId ? '处理中…' : '通过'}
                </Button>
              )}
            </View>
          )}
        </View>
      ))}
    </Card>
  )
}

function Step({ label, value }: { label: string; value: number }) {
  return (
    <View className='sp-steps__step'>
      <Text className='sp-steps__value'>{value}</Text>
      <Text className='sp-steps__label'>{label}</Text>
    </View>
  )
}
