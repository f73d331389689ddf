import type { OrderView } from '@core/contracts/views'
import { getOrder } from '@/features/orders/api/getOrder'

/** Delays before each look-up: the payment callback usually lands within a second, WeChat may take longer. */
const DELAYS_MS = [0, 400, 800, 1200, 1600, 2000, 2000, 2000, 2000, 2000]

const PAID_STATES = new Set(['paid', 'grouping', 'completed'])

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * After the payment sheet said yes: reads the order until the payment callback has moved it to paid (or 拼团中).
 * Answers the paid order, or null when it is not confirmed within about 14 s (the order page shows what it
 * knows then); a failed look-up is simply retried.
 */
export async function waitUntilPaid(orderId: string, delays: readonly number[] = DELAYS_MS): Promise<OrderView | null> {
  for (const d of delays) {
    if (d > 0) await sleep(d)
    try {
      const order = await getOrder(orderId)
      if (PAID_STATES.has(order.state)) return order
      if (order.state === 'closed' || order.state === 'refunded') return null
    } catch {
      // network hiccup: try again
    }
  }
  return null
}
