import { Button as NativeButton, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatYuan } from '@core/money/format-yuan'
import { approvalNote } from '../model/funnel'
import { copyShareLink } from './EarnChip'
import { earnNote } from './earning'
import type { ShareCodeState } from './useShareCode'
import './share.css'

/**
 * The deal page's entry for promoters only (nobody else sees anything): what one unit sold through the share earns
 * (or why nothing now), then share the card to a group with the promoter's code (mini-program), copy the link (h5),
 * or open the poster page (promoter sub-package, loaded only when opened).
 * No reward for sharing itself: commission comes only from orders, as the rules say.
 */
export function PromoterShareEntry({ dealId, share }: { dealId: string; share: ShareCodeState }) {
  if (share.isPromoter !== true) return null
  const openPoster = () => void Taro.navigateTo({ url: `/promoter/poster/index?id=${encodeURIComponent(dealId)}` })
  // A shop that reviews its promoters and has not approved this one: sharing works, commissions do not (yet).
  const approval = share.share?.approval ? approvalNote(share.share.approval) : null
  const earning = share.share?.earning
  return (
    <View className='promo-share'>
      <View className='promo-share__text'>
        <Text className='promo-share__title'>{earning && earning.perUnitFen > 0 ? `推手分享 · 每份赚¥${formatYuan(earning.perUnitFen)}` : '推手分享'}</Text>
        {share.error ? (
          <Text className='promo-share__hint promo-share__hint--error' onClick={share.retry}>
            分享码没有生成：{share.error.message}，点此重试
          </Text>
        ) : earning ? (
          <Text className={`promo-share__hint${earning.perUnitFen > 0 ? '' : ' promo-share__hint--warn'}`}>{earnNote(earning)}</Text>
        ) : approval ? (
          <Text className='promo-share__hint promo-share__hint--warn'>{approval}</Text>
        ) : (
          <Text className='promo-share__hint'>{share.shareCode ? '顾客经你的分享下单并核销后，佣金计入你的账户' : '正在生成你的分享码…'}</Text>
        )}
      </View>
      {process.env.TARO_ENV === 'weapp' && share.shareCode && (
        <NativeButton className='promo-share__btn promo-share__btn--primary' openType='share'>
          分享到群
        </NativeButton>
      )}
      {process.env.TARO_ENV !== 'weapp' && share.shareCode && (
        <View className='promo-share__btn promo-share__btn--primary' hoverClass='promo-share__btn--pressed' onClick={() => void copyShareLink(dealId)}>
          复制链接
        </View>
      )}
      <View className='promo-share__btn' hoverClass='promo-share__btn--pressed' onClick={openPoster}>
        生成海报
      </View>
    </View>
  )
}
