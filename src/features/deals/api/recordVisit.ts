import { useEffect, useRef } from 'react'
import { callFunction } from '@/shared/api'

/** A deal opened through a promoter's share (and from which WeChat group): counts in the promoter's funnel. */
export function recordVisit(shareCode: string, groupId: string | null): Promise<{ bound: boolean }> {
  return callFunction('promoters', 'visit', { shareCode, ...(groupId ? { groupId } : {}) })
}

/**
 * Records the visit once per page (not on re-renders or refreshes). A failure is ignored: the buyer's page must
 * not suffer from the promoter's bookkeeping (an expired share simply does not count).
 */
export function useShareVisit(shareCode: string | null, groupId: string | null): void {
  const done = useRef<string | null>(null)
  useEffect(() => {
    if (!shareCode) return
    const key = `${shareCode}|${groupId ?? ''}`
    if (done.current === key) return
    done.current = key
    recordVisit(shareCode, groupId).catch(() => undefined)
  }, [shareCode, groupId])
}
