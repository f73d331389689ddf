import { useEffect } from 'react'
import type { BuyerList } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { ApiError } from '@/shared/api/errors'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/**
 * 接龙: the deal's real buyers, newest first, masked; with the cloudID of the WeChat group the page was opened
 * from (src/shared/platform/groupEnter), also that group's own list.
 */
export function getBuyers(dealId: string, groupCloudID: string | null, limit = 20): Promise<BuyerList> {
  return callFunction('deals', 'buyers', { dealId, limit, ...(groupCloudID ? { groupCloudID } : {}) })
}

export const BUYERS_POLL_MS = 10_000

/** Settles never: the list waits (loading) until the group is known, then asks once, with it. */
const waitForGroup = () => new Promise<BuyerList>(() => undefined)

/**
 * The live buyer list: loaded with the page, then every 10 s while the page is shown (`visible`).
 * `groupCloudID` undefined = the page's group is still being resolved: nothing is asked until it is known.
 */
export function useBuyers(dealId: string | null, groupCloudID: string | null | undefined, visible: boolean): Remote<BuyerList> {
  const pending = groupCloudID === undefined
  const remote = useRemote(
    () => (!dealId ? Promise.reject(new ApiError('DEAL_NOT_FOUND')) : pending ? waitForGroup() : getBuyers(dealId, groupCloudID)),
    [dealId, groupCloudID],
  )
  const { reload } = remote
  useEffect(() => {
    if (!dealId || !visible || pending) return undefined
    const timer = setInterval(() => void reload(), BUYERS_POLL_MS)
    return () => clearInterval(timer)
  }, [dealId, groupCloudID, pending, visible, reload])
  return remote
}
