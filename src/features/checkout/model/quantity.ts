/** orders.place accepts at most this many units in one order (core/contracts/orders MAX_QTY_PER_ORDER). */
export const MAX_QTY_PER_ORDER = 20

export type QtyBound = 'limit' | 'stock' | 'order'

/**
 * How many units one checkout may ask for: the deal's per-user limit, what is left in stock and the per-order
 * maximum, whichever is smallest (`bound` says which one, for the hint). 0 when nothing can be bought.
 * Units the buyer bought before still count on the server (OVER_LIMIT), which the client cannot know.
 */
export function qtyBounds(deal: { perUserLimit: number; stockLeft: number }): { max: number; bound: QtyBound } {
  const candidates: [number, QtyBound][] = [
    [deal.perUserLimit, 'limit'],
    [deal.stockLeft, 'stock'],
    [MAX_QTY_PER_ORDER, 'order'],
  ]
  let best = candidates[0]
  for (const c of candidates) if (c[0] < best[0]) best = c
  return { max: Math.max(0, Math.floor(best[0])), bound: best[1] }
}

/** `qty` kept within 1..max (max 0: nothing to buy, the stepper shows 0). */
export function clampQty(qty: number, max: number): number {
  if (max <= 0) return 0
  return Math.min(max, Math.max(1, Math.floor(qty)))
}

export function boundHint(max: number, bound: QtyBound): string {
  switch (bound) {
    case 'limit':
      return `每人限购 ${max} 份`
    case 'stock':
      return max > 0 ? `仅剩 ${max} 份` : '已售罄'
    case 'order':
      return `每单最多 ${max} 份`
  }
}
