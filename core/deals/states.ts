import type { DealStatus } from '../contracts/views'
import type { Transitions } from '../state-machine'

/** A deal is drafted, published, paused and resumed by its shop, and ended for good. */
export const DEAL_TRANSITIONS: Transitions<DealStatus> = {
  draft: ['published', 'ended'],
  published: ['paused', 'ended'],
  paused: ['published', 'ended'],
  ended: [],
}
