import type { SaleState } from '@core/contracts/views'

/** What a deal's sale state means for the buyer: the buy button's words and whether it can be pressed. */
export function buyAction(state: SaleState): { label: string; enabled: boolean } {
  switch (state) {
    case 'on_sale':
      return { label: '立即抢购', enabled: true }
    case 'sold_out':
      return { label: '已售罄', enabled: false }
    case 'not_started':
      return { label: '未开始', enabled: false }
    case 'ended':
      return { label: '已结束', enabled: false }
    case 'paused':
      return { label: '已暂停', enabled: false }
    case 'draft':
      return { label: '未上架', enabled: false }
  }
}

/** The ribbon on a deal card's cover when it cannot be bought (null when on sale). */
export function coverRibbon(state: SaleState): string | null {
  switch (state) {
    case 'on_sale':
      return null
    case 'not_started':
      return '即将开抢'
    case 'sold_out':
      return '已售罄'
    case 'ended':
      return '已结束'
    case 'paused':
      return '暂停售卖'
    case 'draft':
      return '未上架'
  }
}

/** Below this many units left, the card says "仅剩 N 份" in the price colour. */
export const FEW_LEFT = 10
