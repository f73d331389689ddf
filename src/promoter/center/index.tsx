import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { useMe } from '@/features/me'
import { useLocalPersonaName } from '@/features/persona'
import {
  AttributionRules,
  BalanceCards,
  CommissionLines,
  FunnelList,
  completeCenter,
  JoinPromoter,
  WithdrawPanel,
  getPromoterCenter,
  initialOf,
  promoterAvatar,
  useLiveReload,
  writeRoleHint,
} from '@/features/promoter'
import { isLocalMode } from '@/shared/config/build'
import { useRemote } from '@/shared/hooks/useRemote'
import { PageState, withH5Bar } from '@/shared/ui'

/**
 * 推广中心 (promoter sub-package). Promoters: balance (with when locked money frees up), withdrawal with its
 * confirmation and record, a link to 我的订单, each share's live funnel (per WeChat group too), the latest
 * commission lines with their history, and the attribution rules. Anyone else: how to become a promoter (free, one level).
 */
function PromoterCenterPage() {
  const me = useMe()
  const { name: personaName } = useLocalPersonaName(isLocalMode())
  const [joined, setJoined] = useState(false)

  if (!me.data && me.loading) return <PageState kind='loading' skeleton='rows' />
  if (!me.data) return <PageState kind='error' message={me.error?.message ?? '加载失败'} onRetry={() => void me.reload()} />
  if (!me.data.promoter && !joined) {
    return (
      <View className='page'>
        <JoinPromoter
          defaultName={personaName ?? ''}
          onJoined={() => {
            setJoined(true)
            void Taro.showToast({ title: '已成为推手', icon: 'success' })
            void me.reload()
          }}
        />
      </View>
    )
  }
  return <PromoterHome />
}

function PromoterHome() {
  const center = useRemote(() => getPromoterCenter().then(completeCenter), [])
  const [loadedAt, setLoadedAt] = useState<number | null>(null)

  useEffect(() => {
    if (!center.data) return
    setLoadedAt(Date.now())
    writeRoleHint(true)
  }, [center.data])

  useLiveReload(center.reload, loadedAt)
  usePullDownRefresh(() => {
    void center.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const c = center.data
  if (!c && center.loading) return <PageState kind='loading' skeleton='rows' label='正在加载推广数据…' />
  if (!c) return <PageState kind='error' message={center.error?.message ?? '加载失败'} onRetry={() => void center.reload()} />
  const now = loadedAt ?? Date.now()
  const avatar = promoterAvatar()
  return (
    <View className='page'>
      <View className='pc-head'>
        {avatar ? (
          <Image className='pc-head__avatar' src={avatar} />
        ) : (
          <View className='pc-head__avatar pc-head__initial'>{initialOf(c.name)}</View>
        )}
        <View className='pc-head__who'>
          <Text className='pc-head__name'>{c.name || '推手'}</Text>
          <Text className='pc-head__sub'>推手 · 只按你分享带来的订单计佣金</Text>
        </View>
        <View className='pc-head__status'>
          {center.error ? (
            <Text className='pc-head__refresh pc-head__refresh--error' onClick={() => void center.reload()}>
              刷新失败，点此重试
            </Text>
          ) : (
            <Text className='pc-head__refresh'>{loadedAt ? `${clock(loadedAt)} 更新` : ''}</Text>
          )}
          <Text className='pc-head__refresh'>每 15 秒自动刷新</Text>
        </View>
      </View>
      <BalanceCards balance={c.balance} minWithdrawFen={c.minWithdrawFen} lines={c.recentLines} now={now} />
      <WithdrawPanel availableFen={c.balance.availableFen} minWithdrawFen={c.minWithdrawFen} withdrawals={c.withdrawals} onChanged={() => void center.reload()} />
      <View className='pc-link' hoverClass='pc-link--pressed' onClick={() => void Taro.navigateTo({ url: '/promoter/orders/index' })}>
        <View className='pc-link__text'>
          <Text className='pc-link__title'>我的订单</Text>
          <Text className='pc-link__hint'>每笔订单为什么算你的，每张券的佣金状态</Text>
        </View>
        <Text className='pc-link__chevron'>›</Text>
      </View>
      <FunnelList shares={c.shares} now={now} />
      <CommissionLines lines={c.recentLines} now={now} />
      <AttributionRules />
    </View>
  )
}

/** "14:05:09" China time (UTC+8, no DST), whatever the device's zone. */
function clock(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(11, 19)
}

export default withH5Bar(PromoterCenterPage, '推广中心', '/pages/me/index')
