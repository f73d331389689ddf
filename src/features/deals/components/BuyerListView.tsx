import { Text, View } from '@tarojs/components'
import type { BuyerEntry, BuyerList } from '@core/contracts/views'
import { timeAgo } from '../model/timeAgo'

/**
 * 接龙: who bought, newest first ("张** +2 · 3 分钟前"), only real paid orders (refunded ones leave the list).
 * Opened from a WeChat group: that group's count and list first ("本群 N 人已参与").
 */
export function BuyerListView({ buyers, now }: { buyers: BuyerList; now: number }) {
  const group = buyers.group
  return (
    <View className='deal-section deal-buyers'>
      <View className='deal-section__head'>
        <Text className='deal-section__title deal-section__title--inline'>接龙</Text>
        <Text className='deal-section__aside'>
          {buyers.totalBuyers > 0 ? `${buyers.totalBuyers} 人已参与 · 共 ${buyers.totalUnits} 份` : '还没有人参与'}
        </Text>
      </View>
      {group && (
        <View className='deal-buyers__group'>
          <Text className='deal-buyers__group-title'>{group.buyers > 0 ? `本群 ${group.buyers} 人已参与 · ${group.units} 份` : '本群还没有人参与'}</Text>
          {group.items.map((b, i) => (
            <BuyerRow key={`g${i}-${b.at}`} entry={b} now={now} />
          ))}
        </View>
      )}
      {buyers.items.length > 0 ? (
        <View className='deal-buyers__list'>
          {group && <Text className='deal-buyers__subtitle'>全部接龙</Text>}
          {buyers.items.map((b, i) => (
            <BuyerRow key={`${i}-${b.at}`} entry={b} now={now} />
          ))}
        </View>
      ) : (
        !group && <Text className='deal-buyers__empty'>下单后你会出现在这里，昵称只显示第一个字</Text>
      )}
    </View>
  )
}

function BuyerRow({ entry, now }: { entry: BuyerEntry; now: number }) {
  return (
    <View className='deal-buyers__row'>
      <Text className='deal-buyers__name'>{entry.name}</Text>
      <Text className='deal-buyers__units'>+{entry.units}</Text>
      <Text className='deal-buyers__time'> · {timeAgo(entry.at, now)}</Text>
    </View>
  )
}
