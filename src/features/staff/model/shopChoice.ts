import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Me, Membership } from '@core/contracts/views'

const KEY = 'tuanka.staff.shopId'

/** The shops a page works on: every membership, or only the owned ones. */
export function shopsFor(me: Me, ownerOnly: boolean): Membership[] {
  return me.memberships.filter((m) => !ownerOnly || m.role === 'owner')
}

function storedShopId(): string | null {
  try {
    const v: unknown = Taro.getStorageSync(KEY)
    return typeof v === 'string' && v !== '' ? v : null
  } catch {
    return null
  }
}

/** The shop the staff pages show (remembered across pages; the first one until another is chosen). */
export function useChosenShop(shops: Membership[]): { shop: Membership | null; choose: (shopId: string) => void } {
  const [chosen, setChosen] = useState<string | null>(storedShopId)
  const shop = shops.find((s) => s.shopId === chosen) ?? shops[0] ?? null
  return {
    shop,
    choose(shopId) {
      Taro.setStorageSync(KEY, shopId)
      setChosen(shopId)
    },
  }
}
