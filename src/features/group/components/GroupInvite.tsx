import { Button as NativeButton, Text, View } from '@tarojs/components'
import { useState, type ComponentType } from 'react'
import type { GroupProgress } from '@core/contracts/views'
import { groupRatio, groupUnit } from '@/features/deals/model/group'
import { useNow } from '@/shared/hooks/useNow'
import { useGroupCard } from '../api/useGroupCard'
import { chatLine, deadlineLine, inviteTitle, progressLine, type ChatProgress } from '../model/invite'
import type { SharedCardProps } from '../h5/SharedCardPreview'
import './group-invite.css'

// h5 has no WeChat to share to: a preview of the card and its link stands in. A ternary on TARO_ENV, so the
// mini-program build drops the preview (and its CSS) from the package.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Preview: ComponentType<SharedCardProps> | null = process.env.TARO_ENV === 'h5' ? require('../h5/SharedCardPreview').SharedCardPreview : null

/** What the shared card shows: the deal it opens, and the group it was opened from (h5 link). */
export interface InviteCard {
  dealId: string
  title: string
  image: string | null
  /** The WeChat group this page was opened from (local `g`), kept in the h5 link. */
  groupId: string | null
  /** The buyer's own order (order page): its WeChat group's part is shown first. */
  orderId: string | null
}

/**
 * 拼团中: what is missing, the progress (the group the buyer came from first), the deadline ticking, and one
 * action: share the deal to a group. In the mini-program the button shares the page's card (share ticket on, so
 * the group it lands in is known); in h5 it opens a preview of that card with its link to copy.
 */
export function GroupInvite({ group, chat: pageChat, skew, card }: { group: GroupProgress; chat: ChatProgress | null; skew: number; card: InviteCard }) {
  const now = useNow(skew, true)
  const [preview, setPreview] = useState(false)
  const live = useGroupCard(card.dealId, card.orderId, group.status === 'forming')
  const chat = pageChat ?? live?.chat ?? null
  return (
    <View className='deal-section gi'>
      <View className='gi__head'>
        <Text className='gi__tag'>拼团中</Text>
        <Text className='gi__title'>{inviteTitle(group)}</Text>
      </View>
      {chat && <Text className='gi__chat'>{chatLine(chat)}</Text>}
      <View className='gi__progress'>
        <Text className='gi__count'>{progressLine(group)}</Text>
        <Text className='gi__deadline'>{deadlineLine(group, now)}</Text>
      </View>
      <View className='deal-group__bar'>
        <View className='deal-group__fill' style={{ width: `${Math.round(groupRatio(group) * 100)}%` }} />
      </View>
      <Text className='gi__note'>满 {group.min} {groupUnit(group)}即成团，券码随即可用；截止未成团自动全额退款</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <NativeButton className='gi__btn' openType='share'>
          邀请群友拼团
        </NativeButton>
      ) : (
        <View className='gi__btn' hoverClass='gi__btn--pressed' onClick={() => setPreview(true)}>
          邀请群友拼团
        </View>
      )}
      {preview && Preview && <Preview group={group} card={card} activityId={live?.activityId ?? null} onClose={() => setPreview(false)} />}
    </View>
  )
}
