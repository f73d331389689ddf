import { Text, View } from '@tarojs/components'
import { Badge } from './Badge'
import './ComingSoon.css'

/** A feature that is planned but not built yet: says so plainly, never pretends with fake data. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <View className='tk-soon'>
      <View className='tk-soon__head'>
        <Text className='tk-soon__title'>{title}</Text>
        <Badge tone='neutral'>即将开放</Badge>
      </View>
      <Text className='tk-soon__desc'>{description}</Text>
    </View>
  )
}
