import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button } from './Button'
import './PageState.css'

export type PageStateProps =
  | { kind: 'loading'; skeleton?: 'cards' | 'detail' | 'rows'; label?: string }
  | { kind: 'empty'; title: string; description?: string; actionLabel?: string; onAction?: () => void; icon?: string }
  | { kind: 'error'; message: string; onRetry?: () => void; retryLabel?: string; extra?: ReactNode }
  | { kind: 'denied'; title: string; description?: string; actionLabel?: string; onAction?: () => void }

/**
 * Every page shows one of these until it has content: a skeleton in the shape of what is coming, an empty state
 * that says what to do next, or an error (the Chinese message, never a code) with a retry.
 */
export function PageState(props: PageStateProps) {
  if (props.kind === 'loading') return <Skeleton variant={props.skeleton ?? 'cards'} label={props.label ?? '正在加载…'} />
  if (props.kind === 'error') {
    return (
      <View className='tk-state tk-state--error'>
        <View className='tk-state__icon tk-state__icon--error'>!</View>
        <Text className='tk-state__title'>{props.message}</Text>
        {props.extra}
        {props.onRetry && (
          <View className='tk-state__action'>
            <Button variant='ghost' onClick={props.onRetry}>
              {props.retryLabel ?? '重新加载'}
            </Button>
          </View>
        )}
      </View>
    )
  }
  return (
    <View className={`tk-state tk-state--${props.kind}`}>
      {props.kind === 'denied' ? (
        <View className='tk-state__icon tk-state__icon--denied'>
          <View className='tk-lock__shackle' />
          <View className='tk-lock__body' />
        </View>
      ) : (
        <View className='tk-state__icon tk-state__icon--empty'>{props.icon ?? '券'}</View>
      )}
      <Text className='tk-state__title'>{props.title}</Text>
      {props.description && <Text className='tk-state__desc'>{props.description}</Text>}
      {props.actionLabel && props.onAction && (
        <View className='tk-state__action'>
          <Button variant='secondary' onClick={props.onAction}>
            {props.actionLabel}
          </Button>
        </View>
      )}
    </View>
  )
}

function Skeleton({ variant, label }: { variant: 'cards' | 'detail' | 'rows'; label: string }) {
  return (
    <View className={`tk-skeleton tk-skeleton--${variant}`}>
      <Text className='tk-skeleton__label'>{label}</Text>
      {variant === 'detail' && (
        <View>
          <View className='tk-skeleton__block tk-skeleton__hero' />
          <View className='tk-skeleton__card'>
            <View className='tk-skeleton__line tk-skeleton__line--price' />
            <View className='tk-skeleton__line' />
            <View className='tk-skeleton__line tk-skeleton__line--short' />
          </View>
          <View className='tk-skeleton__card'>
            <View className='tk-skeleton__line' />
            <View className='tk-skeleton__line tk-skeleton__line--short' />
          </View>
        </View>
      )}
      {variant === 'cards' &&
        [0, 1, 2].map((i) => (
          <View key={i} className='tk-skeleton__card tk-skeleton__deal'>
            <View className='tk-skeleton__block tk-skeleton__thumb' />
            <View className='tk-skeleton__body'>
              <View className='tk-skeleton__line' />
              <View className='tk-skeleton__line tk-skeleton__line--short' />
              <View className='tk-skeleton__line tk-skeleton__line--price' />
            </View>
          </View>
        ))}
      {variant === 'rows' && (
        <View className='tk-skeleton__card'>
          {[0, 1, 2].map((i) => (
            <View key={i} className='tk-skeleton__line' />
          ))}
        </View>
      )}
    </View>
  )
}
