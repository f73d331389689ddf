import { useCallback, useEffect, useState } from 'react'
import type { ShareResult } from '@core/contracts/views'
import { getMe } from '@/features/me/api/getMe'
import { toApiError, type ApiError } from '@/shared/api/errors'
import { getStoredOpenid } from '@/shared/api/identity'
import { createShare, type ShareChannel } from '../api/createShare'
import { forgetEarnings } from './useDealEarnings'
import { readRoleHint, writeRoleHint } from '../model/roleHint'

export interface ShareCodeState {
  /** null while not known yet (not asked, or asking). */
  isPromoter: boolean | null
  share: ShareResult | null
  /** Shortcut for share?.shareCode. */
  shareCode: string | null
  loading: boolean
  error: ApiError | null
  retry: () => void
}

export interface ShareCodeOptions {
  /**
   * How long to wait before asking shops.me when the role is not known on this device: the deal page asks after
   * its first screen, not in competition with it. 0 asks at once (the poster page).
   */
  roleCheckDelayMs?: number
}

export const ROLE_CHECK_DELAY_MS = 1200

/** Share codes are deterministic per (promoter, deal, channel): keep them for the session. */
const cache = new Map<string, ShareResult>()
const cacheKey = (dealId: string, channel: ShareChannel) => `${getStoredOpenid() ?? 'wx'}|${dealId}|${channel}`

/**
 * The caller's own share code for a deal and channel, when the caller is a promoter (shops.me says so, or the
 * device remembers it): `promoters.share` is asked once and the result kept. Not a promoter (or no deal yet):
 * no share code, and no call to promoters.share at all.
 */
export function useShareCode(dealId: string | null, channel: ShareChannel = 'card', opts: ShareCodeOptions = {}): ShareCodeState {
  const delay = opts.roleCheckDelayMs ?? ROLE_CHECK_DELAY_MS
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<Omit<ShareCodeState, 'retry' | 'shareCode'>>({ isPromoter: null, share: null, loading: false, error: null })

  useEffect(() => {
    if (!dealId) {
      setState({ isPromoter: null, share: null, loading: false, error: null })
      return
    }
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const fetchShare = async () => {
      const cached = cache.get(cacheKey(dealId, channel))
      if (cached) {
        setState({ isPromoter: true, share: cached, loading: false, error: null })
        return
      }
      setState({ isPromoter: true, share: null, loading: true, error: null })
      try {
        const share = await createShare(dealId, channel)
        cache.set(cacheKey(dealId, channel), share)
        if (live) setState({ isPromoter: true, share, loading: false, error: null })
      } catch (e) {
        const err = toApiError(e)
        if (err.code === 'NOT_PROMOTER') writeRoleHint(false)
        if (live) setState({ isPromoter: err.code === 'NOT_PROMOTER' ? false : true, share: null, loading: false, error: err.code === 'NOT_PROMOTER' ? null : err })
      }
    }
    const checkRole = async () => {
      try {
        const me = await getMe()
        if (me.openid) writeRoleHint(me.promoter)
        if (!live) return
        if (me.promoter) await fetchShare()
        else setState({ isPromoter: false, share: null, loading: false, error: null })
      } catch {
        // Without the role we simply do not offer the promoter's share; the page works as for anyone.
        if (live) setState({ isPromoter: null, share: null, loading: false, error: null })
      }
    }
    const hint = readRoleHint()
    if (hint === true) void fetchShare()
    else if (hint === false) setState({ isPromoter: false, share: null, loading: false, error: null })
    else if (delay <= 0) void checkRole()
    else timer = setTimeout(() => void checkRole(), delay)
    return () => {
      live = false
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [dealId, channel, delay, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, shareCode: state.share?.shareCode ?? null, retry }
}

/** Adds the share code to a page path ("/pages/deal/index?id=x" -> "...&s=CODE"); no code: the path as it is. */
export function withShareCode(path: string, shareCode: string | null | undefined): string {
  if (!shareCode) return path
  return `${path}${path.includes('?') ? '&' : '?'}s=${encodeURIComponent(shareCode)}`
}

/** Forget the session's share codes (tests, persona switch). */
export function forgetShareCodes(): void {
  cache.clear()
  forgetEarnings()
}
