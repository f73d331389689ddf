import { useEffect, useState } from 'react'
import type { DealEarning } from '@core/contracts/views'
import { getStoredOpenid } from '@/shared/api/identity'
import { getEarnings } from '../api/getEarnings'
import { readRoleHint } from '../model/roleHint'

const cache = new Map<string, DealEarning>()
const keyOf = (dealId: string) => `${getStoredOpenid() ?? 'wx'}|${dealId}`

/**
 * 分享赚 for the deals on screen, for a caller this device knows to be a promoter (nobody else asks anything):
 * one promoters.earnings call for the deals not seen yet this session. Failures leave the cards as they are.
 */
export function useDealEarnings(dealIds: readonly string[]): (dealId: string) => DealEarning | undefined {
  const [, redraw] = useState(0)
  const ids = dealIds.join(',')
  useEffect(() => {
    if (readRoleHint() !== true) return
    const missing = dealIds.filter((id) => !cache.has(keyOf(id))).slice(0, 50)
    if (missing.length === 0) return
    let live = true
    getEarnings(missing)
      .then((r) => {
        for (const e of r.items) cache.set(keyOf(e.dealId), e)
        if (live) redraw((n) => n + 1)
      })
      .catch(() => {})
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids])
  return (dealId) => cache.get(keyOf(dealId))
}

export function forgetEarnings(): void {
  cache.clear()
}
