import { callFunction } from '@/shared/api'

/** Become a promoter: free, one level only. */
export function joinPromoters(name: string): Promise<{ name: string }> {
  return callFunction('promoters', 'join', { name })
}
