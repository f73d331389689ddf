import { Image, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { parseDescription } from '@core/deals/description'
import { mediaUrl } from '@/shared/api'

/** 团购详情 as the shop wrote it: headings, lists, pictures and paragraphs (see core/deals/description). */
export function Description({ text }: { text: string }) {
  const blocks = useMemo(() => parseDescription(text), [text])
  return (
    <View className='deal-desc'>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading':
            return <Text key={i} className='deal-desc__heading'>{b.text}</Text>
          case 'list':
            return (
              <View key={i} className='deal-desc__list'>
                {b.items.map((item, j) => (
                  <Text key={j} className='deal-desc__item'>{item}</Text>
                ))}
              </View>
            )
          case 'image':
            return <Image key={i} className='deal-desc__image' src={mediaUrl(b.src)} mode='widthFix' lazyLoad />
          default:
            return <Text key={i} className='deal-section__text deal-desc__para'>{b.text}</Text>
        }
      })}
    </View>
  )
}
