import { Image, Text, View } from '@tarojs/components'
import type { ReviewSummary, ReviewView } from '@core/contracts/views'
import { mediaUrl } from '@/shared/api/media'
import { formatDate } from '@/shared/format/time'
import { previewPhotos } from './previewPhotos'

/** 评价: verified buyers only (at least one code redeemed); the average, the newest with photos and the shop's reply. */
export function ReviewsView({ reviews, now }: { reviews: ReviewSummary; now: number }) {
  return (
    <View className='deal-section deal-reviews' id='deal-reviews'>
      <View className='deal-section__head'>
        <Text className='deal-section__title deal-section__title--inline'>评价</Text>
        {reviews.average !== null && reviews.count > 0 && (
          <Text className='deal-section__aside'>
            <Text className='deal-reviews__average'>{reviews.average.toFixed(1)} 分</Text> · {reviews.count} 条评价
          </Text>
        )}
      </View>
      {reviews.items.length === 0 ? (
        <Text className='deal-reviews__empty'>还没有评价 · 到店核销后的买家才能评价</Text>
      ) : (
        reviews.items.map((r) => <ReviewItem key={r.id} review={r} now={now} />)
      )}
    </View>
  )
}

function ReviewItem({ review, now }: { review: ReviewView; now: number }) {
  const photos = review.photos.map(mediaUrl)
  return (
    <View className='deal-review'>
      <View className='deal-review__head'>
        <Text className='deal-review__name'>{review.name}</Text>
        <View className='deal-review__stars' ariaLabel={`${review.rating} 星`}>
          <Text>{'★'.repeat(review.rating)}</Text>
          <Text className='deal-review__stars-off'>{'★'.repeat(Math.max(0, 5 - review.rating))}</Text>
        </View>
        <Text className='deal-review__date'>{formatDate(review.at, now)}</Text>
      </View>
      {review.text !== '' && <Text className='deal-review__text'>{review.text}</Text>}
      {photos.length > 0 && (
        <View className='deal-review__photos'>
          {photos.map((src, i) => (
            <Image
              key={`${i}-${src}`}
              className='deal-review__photo'
              src={src}
              mode='aspectFill'
              lazyLoad
              onClick={() => void previewPhotos(photos, src)}
            />
          ))}
        </View>
      )}
      {review.reply && (
        <View className='deal-review__reply'>
          <Text className='deal-review__reply-label'>商家回复：</Text>
          <Text>{review.reply.text}</Text>
        </View>
      )}
    </View>
  )
}
