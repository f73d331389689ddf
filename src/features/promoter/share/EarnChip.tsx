import { Button, Text } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import type { DealEarning } from '@core/contracts/views'
import { toApiError } from '@/shared/api/errors'
import { createShare } from '../api/createShare'
import { earnChip } from './earning'
import './share.css'

/** h5: the promoter's link to the deal (with their share code) onto the clipboard, in one tap. */
export async function copyShareLink(dealId: string): Promise<void> {
  try {
    const s = await createShare(dealId, 'link')
    await Taro.setClipboardData({ data: `${window.location.origin}${window.location.pathname}#${s.path}` })
    void Taro.showToast({ title: '分享链接已复制，发给好友或群聊', icon: 'none' })
  } catch (e) {
    void Taro.showToast({ title: `没有复制成功：${toApiError(e).message}`, icon: 'none' })
  }
}

/**
 * On a deal card, for promoters: 分享赚 and one tap to share — weapp the card to a chat (the page's
 * useEarnShare answers with the promoter's share path), h5 the link copied.
 */
export function EarnChip({ dealId, title, earning }: { dealId: string; title: string; earning: DealEarning | undefined }) {
  const text = earning && earnChip(earning)
  if (!text) return null
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button className='earn-chip' openType='share' data-deal={dealId} data-title={title} onClick={(e) => e.stopPropagation()}>
        {text} · 分享
      </Button>
    )
  }
  return (
    <Text
      className='earn-chip'
      onClick={(e) => {
        e.stopPropagation()
        void copyShareLink(dealId)
      }}
    >
      {text} · 复制链接
    </Text>
  )
}

/** The list page's share: a card's 分享 button shares that deal with the promoter's code; the menu shares the page. */
export function useEarnShare(page: { title: string; path: string }): void {
  useShareAppMessage((res) => {
    const data = (res.target as { dataset?: { deal?: string; title?: string } } | undefined)?.dataset
    if (res.from !== 'button' || !data?.deal) return page
    const dealId = data.deal
    const title = data.title ?? page.title
    // WeChat waits (up to 3 s) for `promise`; until then, or if it fails, the plain deal path.
    const promise = createShare(dealId, 'card').then((s) => ({ title, path: s.path }))
    return { title, path: `/pages/deal/index?id=${encodeURIComponent(dealId)}`, promise } as { title: string; path: string }
  })
}
