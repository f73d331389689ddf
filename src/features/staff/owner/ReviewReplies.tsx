import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ReviewView } from '@core/contracts/views'
import { toApiError } from '@/shared/api'
import { formatDate } from '@/shared/format'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button } from '@/shared/ui'
import { dealReviews, replyToReview } from '../api/reviews'
import { Card } from '../components/Fields'
import './owner.css'

/** 顾客评价 of a deal (verified buyers only), each answered once by the shop. */
export function ReviewReplies({ dealId }: { dealId: string }) {
  const reviews = useRemote(() => dealReviews(dealId), [dealId])
  const [replied, setReplied] = useState<Record<string, ReviewView>>({})
  const s = reviews.data
  return (
    <Card title={s && s.count > 0 ? `顾客评价（${s.count}）` : '顾客评价'} extra={s?.average ? <Text className='st-muted'>平均 {s.average.toFixed(1)} 分</Text> : undefined}>
      {!s && reviews.loading && <Text className='st-muted'>正在加载评价…</Text>}
      {!s && reviews.error && (
        <View className='st-row st-row--between'>
          <Text className='so-error'>{reviews.error.message}</Text>
          <Button size='sm' variant='ghost' onClick={() => void reviews.reload()}>
            重试
          </Button>
        </View>
      )}
      {s && s.items.length === 0 && <Text className='st-muted'>还没有评价。顾客核销后才能评价，评价会显示在团购页。</Text>}
      {s?.items.map((r) => <ReviewItem key={r.id} review={replied[r.id] ?? r} onReplied={(v) => setReplied((m) => ({ ...m, [v.id]: v }))} />)}
    </Card>
  )
}

function ReviewItem({ review: r, onReplied }: { review: ReviewView; onReplied: (r: ReviewView) => void }) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async () => {
    const t = text.trim()
    if (!t) {
      setError('请填写回复内容')
      return
    }
    setBusy(true)
    setError(null)
    try {
      onReplied(await replyToReview(r.id, t))
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='so-review'>
      <View className='st-row st-row--between'>
        <Text className='so-review__name'>{r.name}</Text>
        <Text className='so-review__stars'>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</Text>
      </View>
      {r.text && <Text className='so-review__text'>{r.text}</Text>}
      {r.photos.length > 0 && <Text className='st-muted'>附图 {r.photos.length} 张</Text>}
      <Text className='so-review__date'>{formatDate(r.at)}</Text>
      {r.reply ? (
        <View className='so-review__reply'>
          <Text>商家回复：{r.reply.text}</Text>
        </View>
      ) : (
        <View className='so-review__form'>
          <Textarea className='st-textarea so-review__input' value={text} maxlength={300} placeholder='回复这条评价（只能回复一次，顾客和其他人都能看到）' placeholderClass='st-placeholder' autoHeight onInput={(e) => setText(e.detail.value)} />
          {error && <Text className='so-error'>{error}</Text>}
          <View className='st-actions'>
            <Button size='sm' variant='secondary' disabled={busy} onClick={() => void send()}>
              {busy ? '正在回复…' : '回复'}
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

