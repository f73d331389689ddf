import type { CodeState } from '../codes/states'
import type { OrderState } from './states'

/** Where a paid order stands once its codes have moved: derived, never stored independently of the codes. */
export function orderStateOfCodes(codes: readonly CodeState[]): Extract<OrderState, 'paid' | 'completed' | 'refunded'> {
  if (codes.some((c) => c === 'unused' || c === 'refunding')) return 'paid'
  if (codes.length > 0 && codes.every((c) => c === 'refunded')) return 'refunded'
  return 'completed'
}
