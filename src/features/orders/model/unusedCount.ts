import type { OrderSummary } from '@core/contracts/views'
import { readOrderCopy } from './orderCache'

/**
 * How many codes of a listed order are still usable, as well as this device knows. orders.listMine counts every
 * code of a paid order (it does not read the codes); the order page's saved copy was derived from the codes, and
 * codes only leave `unused` (an undone redemption aside), so the smaller of the two is the better count.
 */
export function bestUnusedCount(o: OrderSummary): number {
  if (o.state !== 'paid') return o.unusedCount
  const copy = readOrderCopy(o.id)
  return copy ? Math.min(o.unusedCount, copy.view.unusedCount) : o.unusedCount
}
