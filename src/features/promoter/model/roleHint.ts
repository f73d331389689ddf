import Taro from '@tarojs/taro'
import { getStoredOpenid } from '@/shared/api'
import { isLocalMode } from '@/shared/config/build'

/**
 * Whether the caller was a promoter the last time we asked (shops.me, promoters.center, join), remembered on the
 * device so that the deal page does not ask on every open. Only a hint for the interface: the functions check
 * the role on every call, and a promoter hint that turns out wrong is dropped on NOT_PROMOTER.
 * Production storage is per WeChat user already; locally the hint belongs to the chosen demo persona.
 */
const KEY = 'tuanka.promoter.hint'
/** A "not a promoter" answer is asked again after this long (one may join on another device). */
const NOT_PROMOTER_TTL_MS = 12 * 3600 * 1000

interface Hint {
  who: string
  promoter: boolean
  at: number
}

function who(): string | null {
  if (!isLocalMode()) return 'wx'
  return getStoredOpenid()
}

/** true / false when known for the current identity, null when we should ask. */
export function readRoleHint(now = Date.now()): boolean | null {
  const me = who()
  if (!me) return null
  try {
    const h = Taro.getStorageSync(KEY) as Hint | '' | undefined
    if (!h || typeof h !== 'object' || h.who !== me || typeof h.promoter !== 'boolean') return null
    if (!h.promoter && now - h.at > NOT_PROMOTER_TTL_MS) return null
    return h.promoter
  } catch {
    return null
  }
}

export function writeRoleHint(promoter: boolean, now = Date.now()): void {
  const me = who()
  if (!me) return
  try {
    Taro.setStorageSync(KEY, { who: me, promoter, at: now } satisfies Hint)
  } catch {
    // storage full or unavailable: the hint is an optimisation only
  }
}
