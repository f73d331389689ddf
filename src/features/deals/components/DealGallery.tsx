import { Image, Swiper, SwiperItem, View } from '@tarojs/components'
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
  return (
    <Swiper className='deal-gallery' indicatorDots indicatorColor='rgba(255,255,255,0.5)' indicatorActiveColor='#ffffff' circular={list.length > 2} autoplay={false}>
      {list.map((src, i) => (
        <SwiperItem key={`${i}-${src}`}>
          <Image className='deal-gallery__img' src={mediaUrl(src)} mode='aspectFill' ariaLabel={`${title} 图 ${i + 1}`} />
        </SwiperItem>
      ))}
    </Swiper>
  )
}
