import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './List.css'

/** A white rounded group of rows with a small grey title (settings-style lists on 我的 and the work areas). */
export function ListSection({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <View className='tk-list'>
      {title && <Text className='tk-list__title'>{title}</Text>}
      {children}
    </View>
  )
}

/** One row: a name, an optional hint below it, and on the right a chevron (tappable) or `right`. */
export function ListRow({ title, hint, right, onClick }: { title: string; hint?: string; right?: ReactNode; onClick?: () => void }) {
  return (
    <View className='tk-list__row' hoverClass={onClick ? 'tk-list__row--pressed' : 'none'} onClick={onClick}>
      <View className='tk-list__text'>
        <Text className='tk-list__name'>{title}</Text>
        {hint && <Text className='tk-list__hint'>{hint}</Text>}
      </View>
      {right ?? (onClick ? <Text className='tk-list__chevron'>›</Text> : null)}
    </View>
  )
}
