import { Image, ScrollView, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { mediaUrl } from '@/shared/api/media'

/** The deal's photos, 5:4 (the share card's ratio); the cover alone when the deal has no gallery. */
export function DealGallery({ images, cover, title }: { images: string[]; cover: string; title: string }) {
  const list = images.length > 0 ? images : cover ? [cover] : []
  if (list.length === 0) return <View className='deal-gallery deal-gallery--empty' />
  if (list.length === 1) {
    return (
      <View className='deal-gallery'>
        <Image className='deal-gallery__img' src={mediaUrl(list[0])} mode='aspectFill' ariaLabel={title} />
      </View>
    )
  }
  if (process.env.TARO_ENV === 'weapp') {
    // The mini-program's native swiper costs nothing in the package.
    return (
      <Swiper className='deal-gallery' indicatorDots indicatorColor='rgba(255,255,255,0.5)' indicatorActiveColor='#ffffff' circular={list.length > 2}>
        {list.map((src, i) => (
          <SwiperItem key={`${i}-${src}`}>
            <Image className='deal-gallery__img' src={mediaUrl(src)} mode='aspectFill' ariaLabel={`${title} 图 ${i + 1}`} />
          </SwiperItem>
        ))}
      </Swiper>
    )
  }
  return <SnapGallery list={list} title={title} />
}

/**
 * h5: a horizontally scrolling strip with CSS scroll snap and a "1/3" counter. Taro's h5 Swiper would bring the
 * swiper library (~160 KB) into every page's shared chunk.
 */
function SnapGallery({ list, title }: { list: string[]; title: string }) {
  const [index, setIndex] = useState(0)
  return (
    <View className='deal-gallery'>
      <ScrollView
        className='deal-gallery__strip'
        scrollX
        enhanced
        showScrollbar={false}
        onScroll={(e) => {
          const { scrollLeft, scrollWidth } = e.detail as { scrollLeft: number; scrollWidth: number }
          const width = scrollWidth / list.length
          if (width > 0) setIndex(Math.min(list.length - 1, Math.max(0, Math.round(scrollLeft / width))))
        }}
      >
        {list.map((src, i) => (
          <View key={`${i}-${src}`} className='deal-gallery__slide'>
            <Image className='deal-gallery__img' src={mediaUrl(src)} mode='aspectFill' ariaLabel={`${title} 图 ${i + 1}`} />
          </View>
        ))}
      </ScrollView>
      <Text className='deal-gallery__count'>
        {index + 1}/{list.length}
      </Text>
    </View>
  )
}
