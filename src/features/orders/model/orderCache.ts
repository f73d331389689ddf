import Taro from '@tarojs/taro'
import type { OrderView, ShopBrief } from '@core/contracts/views'
import { getStoredOpenid } from '@/shared/api/identity'

/**
 * Offline copies of order views: the codes must open at a counter with no signal. The last view of each order is
 * kept in storage (Taro.setStorageSync, as JSON) with the shop and when it was saved; at most MAX orders, the least
 * recently saved dropped first. Locally each copy is tied to the persona it was loaded for.
 */
const PREFIX = 'tuanka.order.'
const INDEX = 'tuanka.order.index'
const MAX = 30

export interface OrderCopy {
  view: OrderView
  shop: ShopBrief | null
  savedAt: number
}

interface Stored extends OrderCopy {
  who: string | null
}

export function saveOrderCopy(view: OrderView, shop: ShopBrief | null, savedAt = Date.now()): void {
  try {
    const entry: Stored = { view, shop, savedAt, who: getStoredOpenid() }
    Taro.setStorageSync(PREFIX + view.id, JSON.stringify(entry))
    const ids = readIndex().filter((id) => id !== view.id)
    ids.push(view.id)
    while (ids.length > MAX) Taro.removeStorageSync(PREFIX + ids.shift()!)
    Taro.setStorageSync(INDEX, JSON.stringify(ids))
  } catch {
    // storage full or unavailable: the page still works online
  }
}

export function readOrderCopy(id: string): OrderCopy | null {
  try {
    const raw: unknown = Taro.getStorageSync(PREFIX + id)
    if (typeof raw !== 'string' || raw === '') return null
    const e = JSON.parse(raw) as Partial<Stored>
    if (!e.view || e.view.id !== id || !Array.isArray(e.view.codes) || typeof e.savedAt !== 'number') return null
    if ((e.who ?? null) !== getStoredOpenid()) return null
    return { view: e.view, shop: e.shop ?? null, savedAt: e.savedAt }
  } catch {
    return null
  }
}

function readIndex(): string[] {
  try {
    const raw: unknown = Taro.getStorageSync(INDEX)
    const ids: unknown = typeof raw === 'string' && raw !== '' ? JSON.parse(raw) : []
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}
