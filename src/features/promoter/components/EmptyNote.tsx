import { Text, View } from '@tarojs/components'
import { Button } from '@/shared/ui'
import './promoter.css'

/** An empty section inside a card of the centre: small, says what to do next (the full-page state is too big here). */
export function EmptyNote({ title, description, actionLabel, onAction }: { title: string; description: string; actionLabel?: string; onAction?: () => void }) {
  return (
    <View className='pc-empty'>
      <Text className='pc-empty__title'>{title}</Text>
      <Text className='pc-empty__desc'>{description}</Text>
      {actionLabel && onAction && (
        <View className='pc-empty__action'>
          <Button variant='secondary' size='sm' onClick={onAction}>
            {actionLabel}
          </Button>
        </View>
      )}
    </View>
  )
}
