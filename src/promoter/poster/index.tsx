import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { parseDealParams, useDeal } from '@/features/deals'
import { approvalNote, getPromoterCenter, promoterAvatar } from '@/features/promoter'
import { PosterCanvas } from '@/features/promoter/poster/PosterCanvas'
import type { PosterData } from '@/features/promoter/poster/drawPoster'
import { posterCodeFor } from '@/features/promoter/poster/posterCode'
import { savePoster } from '@/features/promoter/poster/savePoster'
import { useShareCode } from '@/features/promoter/share'
import { mediaUrl } from '@/shared/api/media'
import { useRemote } from '@/shared/hooks/useRemote'
import { Button, PageState, withH5Bar } from '@/shared/ui'
import '@/features/promoter/poster/poster.css'

/**
 * 推广海报 (promoter sub-package): /promoter/poster/index?id=<dealId>. A poster with the deal, the promoter and a
 * code carrying the promoter's poster share code, to save or long-press.
 * The code comes from promoters.posterCode: in production a mini-program code image (scene = share code, made
 * by the function and kept in cloud storage), locally a QR code of the h5 deal address.
 */
function PromoterPosterPage() {
  const router = useRouter()
  const dealId = useMemo(() => parseDealParams(router.params).id, [router.params])
  const deal = useDeal(dealId)
  const share = useShareCode(dealId, 'poster', { roleCheckDelayMs: 0 })
  const name = useRemote(() => (share.isPromoter ? getPromoterCenter().then((c) => c.name) : Promise.resolve(null)), [share.isPromoter])
  const posterCode = useRemote(() => (share.shareCode ? posterCodeFor(share.shareCode) : Promise.resolve(null)), [share.shareCode])
  const [image, setImage] = useState<string | null>(null)
  const [drawError, setDrawError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  const code = share.shareCode
  const d = deal.data
  const promoterName = name.data ?? (name.error ? '团卡推手' : null)
  const codeSource = posterCode.data
  const poster = useMemo<PosterData | null>(() => {
    if (!d || !code || !codeSource || promoterName === null) return null
    return {
      title: d.title,
      priceFen: d.priceFen,
      originalPriceFen: d.originalPriceFen,
      shopName: d.shopName,
      cover: mediaUrl(d.images[0] ?? d.cover) || null,
      promoterName,
      avatar: promoterAvatar(),
      code: codeSource,
      scanHint: codeSource.kind === 'image' ? '长按识别小程序码，查看团购' : '长按识别二维码，查看团购',
    }
    // attempt: a new object redraws after a failure
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, code, codeSource, promoterName, attempt])

  const onReady = useCallback((src: string) => {
    setImage(src)
    setDrawError(null)
  }, [])
  const onError = useCallback((m: string) => setDrawError(m), [])

  if (!dealId) return <PageState kind='empty' icon='?' title='团购不存在或已下架' actionLabel='回推广中心' onAction={() => void Taro.redirectTo({ url: '/promoter/center/index' })} />
  if (share.isPromoter === false) {
    return (
      <PageState
        kind='empty'
        icon='推'
        title='成为推手后可生成专属海报'
        description='免费加入，只按你分享带来的订单计佣金，不设下级。'
        actionLabel='去加入'
        onAction={() => void Taro.redirectTo({ url: '/promoter/center/index' })}
      />
    )
  }
  if (!d && deal.error) {
    return deal.error.code === 'DEAL_NOT_FOUND' ? (
      <PageState kind='empty' icon='?' title='团购不存在或已下架' description='下架的团购不能再生成海报' />
    ) : (
      <PageState kind='error' message={deal.error.message} onRetry={() => void deal.reload()} />
    )
  }
  if (share.error) return <PageState kind='error' message={share.error.message} onRetry={share.retry} />
  if (!codeSource && posterCode.error) return <PageState kind='error' message={posterCode.error.message} onRetry={() => void posterCode.reload()} />
  if (drawError && !image) {
    return <PageState kind='error' message={drawError} onRetry={() => (setDrawError(null), setAttempt((n) => n + 1))} />
  }

  const approval = share.share?.approval ? approvalNote(share.share.approval) : null
  const save = async () => {
    if (!image) return
    const r = await savePoster(image)
    if (r === 'saved') void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    else if (r === 'downloaded') void Taro.showToast({ title: '已开始下载', icon: 'none' })
    else if (r === 'failed') void Taro.showToast({ title: '保存失败，请长按图片保存', icon: 'none' })
  }

  return (
    <View className='page poster-page'>
      {poster && <PosterCanvas data={poster} onReady={onReady} onError={onError} />}
      <View className='poster-page__frame'>
        {image ? (
          <Image className='poster-page__image' src={image} mode='widthFix' showMenuByLongpress />
        ) : (
          <View className='poster-page__placeholder'>
            <Text>正在生成海报…</Text>
          </View>
        )}
      </View>
      {image && (
        <View className='poster-page__actions'>
          <Button size='lg' block onClick={() => void save()}>
            {process.env.TARO_ENV === 'weapp' ? '保存到相册' : '下载图片'}
          </Button>
        </View>
      )}
      <Text className='poster-page__hint'>
        {process.env.TARO_ENV === 'weapp' ? '保存后发到朋友圈或群里；也可以长按图片发送给朋友' : '长按图片保存或发送给朋友'}
      </Text>
      {code && approval && <Text className='poster-page__note poster-page__note--warn'>{approval}</Text>}
      {code && (
        <Text className='poster-page__note'>
          {codeSource?.kind === 'image' ? '小程序码' : '二维码'}里带着你的海报分享码 {code}：顾客扫码打开团购并下单，佣金算你的（{d?.shop.promoterPolicy?.attributionDays ?? 7} 天内以最后一次打开的分享为准）。
        </Text>
      )}
    </View>
  )
}

export default withH5Bar(PromoterPosterPage, '推广海报', '/promoter/center/index')
