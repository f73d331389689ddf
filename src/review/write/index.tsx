import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { OrderView } from '@core/contracts/views'
import { dealPath } from '@/features/deals/model/dealParams'
import { getOrder } from '@/features/orders/api/getOrder'
import { submitReview } from '@/features/review/api/submitReview'
import { StarRating } from '@/features/review/components/StarRating'
import { PHOTOS_MAX, RATING_LABELS, TEXT_MAX, canReview, parseReviewParams, rememberReviewed, reviewProblem, reviewedHere } from '@/features/review/model/reviewForm'
import { mediaUrl } from '@/shared/api/media'
import { toApiError } from '@/shared/api/errors'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState, withH5Bar } from '@/shared/ui'
import { ImageUploader } from '@/shared/upload'
import '@/features/review/components/review.css'

type Done = { kind: 'posted'; rating: number } | { kind: 'already' }

/** 写评价: /review/write/index?orderId=&dealTitle= — stars, words and up to 3 photos, once per order, after use. */
function ReviewWritePage() {
  const router = useRouter()
  const { orderId, dealTitle } = useMemo(() => parseReviewParams(router.params), [router.params])
  return <View className='page'>{orderId ? <Review orderId={orderId} dealTitle={dealTitle} /> : <NoOrder />}</View>
}

function NoOrder() {
  return (
    <PageState
      kind='empty'
      icon='?'
      title='没有找到要评价的订单'
      description='请从订单详情里点「写评价」'
      actionLabel='查看我的订单'
      onAction={() => void Taro.switchTab({ url: '/pages/orders/index' })}
    />
  )
}

function Review({ orderId, dealTitle }: { orderId: string; dealTitle: string }) {
  const order = useRemote(() => getOrder(orderId), [orderId])
  const [done, setDone] = useState<Done | null>(() => (reviewedHere(orderId) ? { kind: 'already' } : null))

  if (done) return <Finished done={done} dealId={order.data?.dealId ?? null} />
  if (order.data === null && order.loading) return <PageState kind='loading' skeleton='rows' label={dealTitle ? `正在打开「${dealTitle}」…` : '正在加载…'} />
  if (order.data === null) {
    if (!order.error || order.error.code === 'ORDER_NOT_FOUND') return <NoOrder />
    return <PageState kind='error' message={order.error.message} onRetry={() => void order.reload()} />
  }
  if (!canReview(order.data)) {
    return (
      <PageState
        kind='empty'
        title='核销后才能评价'
        description='到店使用券码后，再来说说体验吧'
        actionLabel='返回订单'
        onAction={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/orders/index' }))}
      />
    )
  }
  return (
    <ReviewForm
      order={order.data}
      onDone={(d) => {
        rememberReviewed(orderId)
        setDone(d)
      }}
    />
  )
}

function ReviewForm({ order, onDone }: { order: OrderView; onDone: (d: Done) => void }) {
  const [rating, setRating] = useState(0)
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const count = text.trim().length
  const over = count > TEXT_MAX

  const submit = async () => {
    const problem = reviewProblem(rating, text)
    if (problem) {
      setError(problem)
      return
    }
    setError(null)
    setSending(true)
    try {
      await submitReview({ orderId: order.id, rating, text: text.trim(), photos })
      onDone({ kind: 'posted', rating })
    } catch (e) {
      const err = toApiError(e)
      if (err.code === 'ALREADY_REVIEWED') onDone({ kind: 'already' })
      else setError(err.message)
    } finally {
      setSending(false)
    }
  }

  return (
    <View>
      <View className='rv-card rv-deal'>
        {order.cover ? <Image className='rv-deal__cover' src={mediaUrl(order.cover)} mode='aspectFill' /> : <View className='rv-deal__cover' />}
        <View className='rv-deal__main'>
          <Text className='rv-deal__title'>{order.dealTitle}</Text>
          <Text className='rv-deal__meta'>{order.shopName} · 已核销</Text>
        </View>
      </View>

      <View className='rv-card'>
        <View className='rv-section'>
          <Text className='rv-label'>整体评分</Text>
          <StarRating
            value={rating}
            disabled={sending}
            onChange={(v) => {
              setRating(v)
              setError(null)
            }}
          />
        </View>
        <View className='rv-section'>
          <Text className='rv-label'>
            说说体验<Text className='rv-label__aside'>选填</Text>
          </Text>
          <Textarea
            className={`rv-textarea${over ? ' rv-textarea--over' : ''}`}
            value={text}
            maxlength={TEXT_MAX}
            placeholder='味道、分量、服务、环境怎么样？你的评价会帮助其他顾客'
            placeholderClass='rv-placeholder'
            autoHeight
            disabled={sending}
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className={`rv-counter${over ? ' rv-counter--over' : ''}`}>
            {count}/{TEXT_MAX}
          </Text>
        </View>
        <View className='rv-section'>
          <Text className='rv-label'>
            晒照片<Text className='rv-label__aside'>最多 {PHOTOS_MAX} 张</Text>
          </Text>
          <ImageUploader value={photos} onChange={setPhotos} max={PHOTOS_MAX} disabled={sending} onBusyChange={setUploading} addLabel='添加照片' />
        </View>
      </View>

      {error && <Text className='rv-error'>{error}</Text>}
      <View className='rv-submit'>
        <Button block size='lg' disabled={sending || uploading || over} onClick={() => void submit()}>
          {sending ? '正在提交…' : uploading ? '照片上传中…' : '提交评价'}
        </Button>
        <Text className='rv-note'>每个订单可评价一次，发布后其他顾客可以在团购页看到</Text>
      </View>
    </View>
  )
}

function Finished({ done, dealId }: { done: Done; dealId: string | null }) {
  const back = () => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/orders/index' }))
  return (
    <View className='rv-done'>
      <View className='rv-done__tick'>✓</View>
      <Text className='rv-done__title'>{done.kind === 'posted' ? '评价已发布' : '已评价'}</Text>
      {done.kind === 'posted' && (
        <Text className='rv-done__stars'>
          {'★'.repeat(done.rating)}
          {'☆'.repeat(5 - done.rating)} {RATING_LABELS[done.rating]}
        </Text>
      )}
      <Text className='rv-done__desc'>{done.kind === 'posted' ? '谢谢你的评价！其他顾客会在团购页看到它。' : '这个订单已经评价过了，每个订单只能评价一次。'}</Text>
      <View className='rv-done__actions'>
        {dealId && (
          <Button block size='lg' onClick={() => void Taro.redirectTo({ url: dealPath(dealId) })}>
            查看团购和评价
          </Button>
        )}
        <Button block size='lg' variant='ghost' onClick={back}>
          返回订单
        </Button>
      </View>
    </View>
  )
}

export default withH5Bar(ReviewWritePage, '写评价', '/pages/orders/index')
