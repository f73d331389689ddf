import Taro from '@tarojs/taro'
import type { MessageKind } from '@core/contracts/views'
import { getStoredOpenid } from '@/shared/api'
import { isLocalMode } from '@/shared/config/build'
import { subscribeMessages } from './api/subscribeMessages'

/**
 * Kinds the user accepted in WeChat's dialog but the server has not heard of yet. WeChat counted the consent
 * the moment the user tapped 允许, so a failed orders.subscribe (offline, a crashed function) must not lose it:
 * kept on the device and sent again on the next request and when the app shows, removed once the server
 * answered. A refusal with any other code will not get better by asking again and drops them.
 */
const KEY = 'tuanka.subscribe.pending'
/** Older consent is given up: the order it was asked for has long been told (or not) by then. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000
const MAX_ENTRIES = 16
const RETRY_CODES = ['NETWORK', 'INTERNAL']

interface Pending {
  /** Production storage is per WeChat user already; locally the consent belongs to the chosen demo persona. */
  who: string
  kind: MessageKind
  at: number
}

const me = (): string | null => (isLocalMode() ? getStoredOpenid() : 'wx')

function read(now: number): Pending[] {
  try {
    const v: unknown = Taro.getStorageSync(KEY)
    if (!Array.isArray(v)) return []
    return (v as Pending[]).filter((p) => p && typeof p.who === 'string' && typeof p.kind === 'string' && typeof p.at === 'number' && now - p.at <= MAX_AGE_MS)
  } catch {
    return []
  }
}

function write(list: Pending[]): void {
  try {
    if (list.length > 0) Taro.setStorageSync(KEY, list.slice(-MAX_ENTRIES))
    else Taro.removeStorageSync(KEY)
  } catch {
    // storage unavailable: the consent is sent once, as before
  }
}

/** Remembers accepted kinds (one entry per kind, the latest acceptance) before they are sent. */
export function keepConsent(kinds: MessageKind[], now: number): void {
  const who = me()
  if (!who || kinds.length === 0) return
  write([...read(now).filter((p) => p.who !== who || !kinds.includes(p.kind)), ...kinds.map((kind) => ({ who, kind, at: now }))])
}

let sending: Promise<void> | null = null

/** Sends the kept consent of the current user, if any; never rejects. One send at a time: nothing goes twice. */
export function sendPendingConsent(now = Date.now()): Promise<void> {
  if (sending) return sending.then(() => sendPendingConsent(now))
  const who = me()
  const all = read(now)
  write(all)
  const mine = all.filter((p) => p.who === who)
  if (mine.length === 0) return Promise.resolve()
  const done = () => write(read(now).filter((p) => !mine.some((m) => m.who === p.who && m.kind === p.kind && m.at === p.at)))
  sending = subscribeMessages(mine.map((p) => p.kind))
    .then(done, (e: unknown) => {
      if (!RETRY_CODES.includes((e as { code?: string }).code ?? 'NETWORK')) done()
    })
    .finally(() => {
      sending = null
    })
  return sending
}
