import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { FunnelCounts, GroupFunnel, ShareFunnel } from '@core/contracts/views'
import { formatDate } from '@/shared/format'
import { EmptyNote } from './EmptyNote'
import { approvalNote, channelName, conversion, funnelsByDeal } from '../model/funnel'
import { ledgerYuan } from '../model/money'
import './promoter.css'

/**
 * Each share's live funnel, by deal and channel: opened (visits) → distinct people (visitors) → orders placed →
 * paid → units used at the shop → commission, with the conversions; per share, the same funnel per WeChat group
 * it was opened in (expandable). Counts come from the promoters function, nothing estimated.
 */
export function FunnelList({ shares, now }: { shares: ShareFunnel[]; now: number }) {
  const deals = funnelsByDeal(shares)
  return (
    <View className='pc-card'>
      <View className='pc-card__head'>
        <Text className='pc-card__title'>我的分享</Text>
        <Text className='pc-card__aside'>浏览 → 访客 → 下单 → 付款 → 核销</Text>
      </View>
      {deals.length === 0 ? (
        <EmptyNote
          title='还没有分享'
          description='打开任意团购，点「分享到群」或「生成海报」，这里会实时显示有多少人看过、下了单'
          actionLabel='去挑团购'
          onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
        />
      ) : (
        deals.map((d) => {
          const note = approvalNote(d.approval)
          return (
            <View key={d.dealId} className='pc-funnel'>
              <View
                className='pc-funnel__deal'
                onClick={() => void Taro.navigateTo({ url: `/pages/deal/index?id=${encodeURIComponent(d.dealId)}` })}
              >
                <Text className='pc-funnel__title'>{d.dealTitle || '团购已下架'}</Text>
                <Text className='pc-funnel__chevron'>›</Text>
              </View>
              {note && <Text className={`pc-approval pc-approval--${d.approval}`}>{note}</Text>}
              {d.shares.map((s) => (
                <View key={s.shareCode} className='pc-funnel__share'>
                  <View className='pc-funnel__meta'>
                    <Text className='pc-funnel__channel'>{channelName(s.channel)}</Text>
                    <Text className='pc-funnel__since'>
                      {formatDate(s.createdAt, now)} 起 · 分享码 {s.shareCode}
                    </Text>
                  </View>
                  <Steps f={s} />
                  <Groups groups={s.groups ?? []} />
                </View>
              ))}
              {d.shares.length > 1 && (
                <View className='pc-funnel__share pc-funnel__share--total'>
                  <View className='pc-funnel__meta'>
                    <Text className='pc-funnel__channel pc-funnel__channel--total'>合计</Text>
                  </View>
                  <Steps f={d.total} />
                </View>
              )}
            </View>
          )
        })
      )}
    </View>
  )
}

/** The share's funnel per WeChat group, folded until asked for. */
function Groups({ groups }: { groups: GroupFunnel[] }) {
  const [open, setOpen] = useState(false)
  if (groups.length === 0) return null
  return (
    <View className='pc-groups'>
      <View className='pc-groups__toggle' onClick={() => setOpen((o) => !o)}>
        <Text>
          {open ? '收起' : '按群查看'} · {groups.length} 个群
        </Text>
        <Text className={`pc-groups__arrow${open ? ' pc-groups__arrow--open' : ''}`}>›</Text>
      </View>
      {open && (
        <View className='pc-groups__list'>
          {groups.map((g) => (
            <View key={g.label} className='pc-group'>
              <View className='pc-group__head'>
                <Text className='pc-group__label'>{g.label}</Text>
                <Text className='pc-group__fen'>{ledgerYuan(g.commissionFen)}</Text>
              </View>
              <Text className='pc-group__counts'>
                浏览 {g.visits} · 访客 {g.visitors} · 下单 {g.placed} · 付款 {g.orders} 单 {g.units} 份 · 核销 {g.redeemed} 份
              </Text>
            </View>
          ))}
          <Text className='pc-groups__note'>微信不向小程序提供群名称，群以固定编号区分；同一个群的编号不会变。</Text>
        </View>
      )}
    </View>
  )
}

function Steps({ f }: { f: FunnelCounts }) {
  return (
    <View>
      <View className='pc-steps'>
        <Step label='浏览' value={String(f.visits)} />
        <Step label='访客' value={String(f.visitors)} />
        <Step label='下单' value={String(f.placed)} />
        <Step label='付款' value={String(f.orders)} />
        <Step label='核销' value={String(f.redeemed)} />
        <Step label='佣金' value={ledgerYuan(f.commissionFen)} strong />
      </View>
      <Text className='pc-steps__rate'>
        访客下单率 {conversion(f.placed, f.visitors)} · 付款 {f.units} 份，已核销 {f.redeemed} 份
      </Text>
    </View>
  )
}

function Step({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <View className='pc-steps__step'>
      <Text className={`pc-steps__value${strong ? ' pc-steps__value--strong' : ''}`}>{value}</Text>
      <Text className='pc-steps__label'>{label}</Text>
    </View>
  )
}
