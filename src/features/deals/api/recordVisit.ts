import { useEffect, useRef } from 'react'
import { callFunction } from '@/shared/api'

/** A deal opened through a promoter's share (and from which WeChat group, as its cloudID): counts in the promoter's funnel. */
export function recordVisit(shareCode: string, groupCloudID: string | null): Promise<{ bound: boolean }> {
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
