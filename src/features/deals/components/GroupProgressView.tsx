import { Text, View } from '@tarojs/components'
import type { GroupProgress } from '@core/contracts/views'
import { formatDateTime } from '@/shared/format/time'
import { groupHeadline, groupUnit, groupRatio } from '../model/group'

/** The deal page's 成团 block: progress, deadline, and what happens either way. */
export function GroupProgressView({ group, now }: { group: GroupProgress; now: number }) {
  return (
    <View className={`deal-section deal-group deal-group--${group.status}`}>
      <Text className='deal-section__title'>拼团进度</Text>
      <Text className='deal-group__headline'>{groupHeadline(group)}</Text>
      <View className='deal-group__bar'>
        <View className='deal-group__fill' style={{ width: `${Math.round(groupRatio(group) * 100)}%` }} />
      </View>
      {group.status === 'forming' && (
        <Text className='deal-group__note'>
          {formatDateTime(group.deadline, now)} 前满 {group.min} {groupUnit(group)}即成团，成团后券码可用；未成团将自动全额退款。
        </Text>
      )}
      {group.status === 'succeeded' && <Text className='deal-group__note'>已成团，券码可到店使用。</Text>}
      {group.status === 'failed' && <Text className='deal-group__note'>截止时未满 {group.min} {groupUnit(group)}，所有订单已原路全额退款。</Text>}
    </View>
  )
}
