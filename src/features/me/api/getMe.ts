import type { Me } from '@core/contracts/views'
import { callFunction } from '@/shared/api'
import { useRemote, type Remote } from '@/shared/hooks/useRemote'

/** The caller's identity and roles. */
export function getMe(): Promise<Me> {
  return callFunction('shops', 'me', {})
}

export function useMe(): Remote<Me> {
  return useRemote(getMe, [])
}
