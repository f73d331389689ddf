import { useEffect } from 'react'
import type { BuyerList } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { ApiError } from '@/shared/api/errors'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/** 接龙: the deal's real buyers, newest first, masked; with a WeChat group, also that group's own list. */
export function getBuyers(dealId: string, groupId: string | null, limit = 20): Promise<BuyerList> {
  return callFunction('deals', 'buyers', { dealId, limit, ...(groupId ? { groupId } : {}) })
}

export const BUYERS_POLL_MS = 10_000

/** The live buyer list: loaded with the page, then every 10 s while the page is shown (`visible`). */
export function useBuyers(dealId: string | null, groupId: string | null, visible: boolean): Remote<BuyerList> {
  const remote = useRemote(() => (dealId ? getBuyers(dealId, groupId) : Promise.reject(new ApiError('DEAL_NOT_FOUND'))), [dealId, groupId])
  const { reload } = remote
  useEffect(() => {
    if (!dealId || !visible) return undefined
    const timer = setInterval(() => void reload(), BUYERS_POLL_MS)
    return () => clearInterval(timer)
  }, [dealId, groupId, visible, reload])
  return remote
}
