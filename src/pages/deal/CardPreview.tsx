import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import type { CardPreview as Card } from '@/features/deals'
import { DealGallery } from '@/features/deals'
import { Price } from '@/shared/ui'

/**
 * The deal as the shared card showed it (cover, price, title from the link), painted before the deal arrives;
 * the rest waits in a skeleton. Everything here is text or an image address checked by parseDealParams.
 */
export function CardPreview({ card }: { card: Card }) {
  return (
    <View className='deal-page deal-page--preview' aria-busy>
      <DealGallery images={[]} cover={card.cover ?? ''} title={card.title} />
      <View className='deal-summary'>
        <View className='deal-summary__price-row'>
          <Price fen={card.priceFen} size='lg' />
        </View>
        <Text className='deal-summary__title'>{card.title}</Text>
      </View>
      <View className='tk-skeleton tk-skeleton--detail'>
        <Text className='tk-skeleton__label'>正在加载…</Text>
        <View className='tk-skeleton__card'>
          <View className='tk-skeleton__line' />
          <View className='tk-skeleton__line tk-skeleton__line--short' />
        </View>
      </View>
    </View>
  )
}

/**
 * h5: index.html paints the card itself (#tk-card-preview) while the scripts download; once the app's own page
 * is on screen, that copy goes.
 */
export function useDropEarlyPreview(): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
    ;(window as unknown as { __tuankaDealMounted?: boolean }).__tuankaDealMounted = true
    document.getElementById('tk-card-preview')?.remove()
  }, [])
}
