import { useEffect, useRef } from 'react'
import { callFunction } from '@/shared/api'
import { useRemote } from '@/shared/hooks/useRemote'
import type { ApiError } from '@/shared/api/errors'
import { isDealId } from '../model/dealParams'

/**
 * A deal opened through a promoter's share (and from which WeChat group, as its cloudID): counts in the promoter's
 * funnel. Answers the share's deal.
 */
export function recordVisit(shareCode: string, groupCloudID: string | null): Promise<{ bound: boolean; dealId: string }> {
  return callFunction('promoters', 'visit', { shareCode, ...(groupCloudID ? { groupCloudID } : {}) })
}

/**
 * Records the visit once per page (not on re-renders or refreshes), once the page's group is known
 * (`groupCloudID` undefined = still resolving). A failure is ignored: the buyer's page must not suffer from the
 * promoter's bookkeeping (an expired share simply does not count).
 */
export function useShareVisit(shareCode: string | null, groupCloudID: string | null | undefined): void {
  const done = useRef<string | null>(null)
  useEffect(() => {
    if (!shareCode || groupCloudID === undefined) return
    const key = `${shareCode}|${groupCloudID ?? ''}`
    if (done.current === key) return
    done.current = key
    recordVisit(shareCode, groupCloudID).catch(() => undefined)
  }, [shareCode, groupCloudID])
}

/**
 * A mini-program code (poster) opens the deal page with only `scene` = a share code: its visit, recorded here once
 * (the page then skips useShareVisit), answers which deal to show. `dealId`: undefined while asking, null when no
 * share has that code; `error` only when the answer never came (the retry asks again).
 */
export function useShareDeal(shareCode: string | null): { dealId: string | null | undefined; error: ApiError | null; retry: () => void } {
  const r = useRemote(() => (shareCode ? recordVisit(shareCode, null).then((v) => v.dealId) : Promise.resolve(null)), [shareCode])
  const gone = r.error?.code === 'SHARE_NOT_FOUND'
  const dealId = gone ? null : r.loading || r.error ? undefined : r.data
  return { dealId: typeof dealId === 'string' && !isDealId(dealId) ? null : dealId, error: gone ? null : r.error, retry: () => void r.reload() }
}
