import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { GroupProgress } from '@core/contracts/views'
import { dealPath } from '@/features/deals/model/dealParams'
import { mediaUrl } from '@/shared/api/media'
import { httpJson } from '@/shared/api/http'
import type { InviteCard } from '../components/GroupInvite'
import '@/features/checkout/components/checkout.css'
import '@/shared/ui/wechat-sheet.css'
import './shared-card.css'

export interface SharedCardProps {
  group: GroupProgress
  card: InviteCard
  /** The live card's activity id (orders.groupCard); null: a plain card. */
  activityId: string | null
  onClose: () => void
}

interface RecordedCard {
  text: string | null
  targetState: 0 | 1 | null
}

/** What the emulated WeChat recorded for the card (GET /local/updatable-message): the line WeChat draws under it. */
function useRecordedCard(activityId: string | null): RecordedCard | null {
  const [card, setCard] = useState<RecordedCard | null>(null)
  useEffect(() => {
    if (!activityId) return undefined
    let live = true
    httpJson('GET', `${TUANKA_API_BASE}/local/updatable-message?activityId=${encodeURIComponent(activityId)}`)
      .then((r) => {
        const b = r.body as { ok?: boolean; data?: RecordedCard } | undefined
        if (live && r.status === 200 && b?.ok && b.data) setCard(b.data)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [activityId])
  return card
}

/** A new chat for a link pasted somewhere else: the local stand-in for the group a card lands in. */
const newGroupId = () => `g_${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`

/**
 * h5 only (local): what WeChat would post in the group — the card — and the link that stands in for it. The link
 * names a group (`g`, the page's own when it was opened from one), as a card opened in a group chat does.
 */
export function SharedCardPreview({ card, activityId, onClose }: SharedCardProps) {
  const [groupId] = useState(() => card.groupId ?? newGroupId())
  const recorded = useRecordedCard(activityId)
  const link = `${window.location.origin}${window.location.pathname}#${dealPath(card.dealId)}&g=${encodeURIComponent(groupId)}`
  const copy = () => {
    Taro.setClipboardData({ data: link })
      .then(() => void Taro.showToast({ title: '链接已复制，发到群里邀请好友', icon: 'none' }))
      .catch(() => void Taro.showToast({ title: '复制没有成功，请长按链接手动复制', icon: 'none' }))
  }
  return (
    <View className='ck-mask ck-mask--pay' catchMove onClick={onClose}>
      <View className='wx-sheet sc' role='dialog' ariaLabel='分享到群聊' onClick={(e) => e.stopPropagation()}>
        <View className='wx-sheet__top'>
          <View className='wx-sheet__close' ariaLabel='关闭' onClick={onClose}>
            ×
          </View>
          <Text className='wx-sheet__brand'>发送到群聊</Text>
          <Text className='wx-sheet__tag'>本地模拟</Text>
        </View>
        <View className='sc-card'>
          <Text className='sc-card__from'>团卡</Text>
          <Text className='sc-card__title'>{card.title}</Text>
          {card.image ? <Image className='sc-card__image' src={mediaUrl(card.image)} mode='aspectFill' /> : <View className='sc-card__image' />}
          {recorded?.text && (
            <View className={`sc-card__live sc-card__live--${recorded.targetState === 1 ? 'ended' : 'forming'}`}>
              <Text>{recorded.text}</Text>
            </View>
          )}
          <Text className='sc-card__foot'>小程序{recorded?.text ? ' · 动态消息' : ''}</Text>
        </View>
        <Text className='sc-link'>{link}</Text>
        <View className='wx-sheet__confirm' hoverClass='wx-sheet__confirm--pressed' onClick={copy}>
          <Text>复制链接</Text>
        </View>
        <View className='wx-sheet__cancel' onClick={onClose}>
          <Text>关闭</Text>
        </View>
      </View>
    </View>
  )
}
