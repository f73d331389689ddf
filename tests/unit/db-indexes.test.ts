import { INDEXES } from '../../cloudfunctions/indexes'

/**
 * The queries that grow with the data (per promoter, buyer, shop, order, deal; the timers' scans) each have an
 * index: its leading fields are pinned by the query's equality fields and, when the query sorts, the next field
 * is the sort field. A new hot query belongs here and in cloudfunctions/indexes.ts.
 */
const HOT: { at: string; coll: string; eq: string[]; sort?: string }[] = [
  { at: 'promoters/center', coll: 'commission_lines', eq: ['promoter'], sort: 'createdAt' },
  { at: 'promoters/center', coll: 'shares', eq: ['promoter'], sort: 'createdAt' },
  { at: 'promoters/center', coll: 'group_funnels', eq: ['promoter'], sort: 'lastAt' },
  { at: 'promoters/center', coll: 'shop_promoters', eq: ['promoter'] },
  { at: 'promoters/withdrawals', coll: 'withdrawals', eq: ['promoter'], sort: 'createdAt' },
  { at: 'promoters/withdrawals reconcile', coll: 'withdrawals', eq: ['status'], sort: 'createdAt' },
  { at: 'promoters/orders', coll: 'commission_orders', eq: ['promoter'], sort: 'createdAt' },
  { at: 'promoters/orders', coll: 'commission_lines', eq: ['orderId', 'promoter'] },
  { at: 'promoters/public uncounted', coll: 'commission_orders', eq: ['counted'] },
  { at: 'promoters/public lines of a shop', coll: 'commission_lines', eq: ['shopId'], sort: 'createdAt' },
  { at: 'promoters/public shop promoters', coll: 'shop_promoters', eq: ['shopId'], sort: 'firstSeenAt' },
  { at: 'promoters/balance', coll: 'commission_lines', eq: ['promoter', 'status'] },
  { at: 'orders/list-mine', coll: 'orders', eq: ['buyer'], sort: 'createdAt' },
  { at: 'orders/public buyers of a deal', coll: 'orders', eq: ['dealId', 'status', 'groupId'], sort: 'paidAt' },
  { at: 'orders/public paid by day', coll: 'orders', eq: ['shopId'], sort: 'paidAt' },
  { at: 'orders/close-expired', coll: 'orders', eq: ['status'] },
  { at: 'orders/shipping due', coll: 'orders', eq: ['shipping.state', 'status'], sort: 'shipping.nextAt' },
  { at: 'orders/group', coll: 'orders', eq: ['dealId', 'status'] },
  { at: 'orders/load-view', coll: 'audit_events', eq: ['orderId'], sort: 'at' },
  { at: 'orders/notifications', coll: 'notifications', eq: ['to'], sort: 'at' },
  { at: 'redemption/public codes of an order', coll: 'codes', eq: ['orderId'], sort: 'index' },
  { at: 'redemption/history', coll: 'codes', eq: ['shopId', 'status', 'redeemedBy'], sort: 'redeemedAt' },
  { at: 'redemption/public refunded between', coll: 'codes', eq: ['shopId', 'status'], sort: 'refundedAt' },
  { at: 'redemption/public expired', coll: 'codes', eq: ['status'] },
  { at: 'redemption/public to book', coll: 'codes', eq: ['status', 'booked'] },
  { at: 'shops/public memberships', coll: 'shop_members', eq: ['openid'] },
  { at: 'shops/members', coll: 'shop_members', eq: ['shopId'], sort: 'createdAt' },
  { at: 'deals/reviews', coll: 'reviews', eq: ['dealId'], sort: 'at' },
  { at: 'deals/list', coll: 'deals', eq: ['status', 'shopId'], sort: 'createdAt' },
  { at: 'deals/list by category', coll: 'deals', eq: ['status', 'category'], sort: 'createdAt' },
  { at: 'deals/manage', coll: 'deals', eq: ['shopId'], sort: 'createdAt' },
  { at: 'deals/public groups due', coll: 'deals', eq: ['groupStatus'] },
]

function serves(fields: string[], eq: string[], sort?: string): boolean {
  let i = 0
  while (i < fields.length && eq.includes(fields[i])) i++
  if (i === 0) return false
  return sort === undefined || fields[i] === sort
}

test.each(HOT)('$at: $coll by $eq has an index', ({ coll, eq, sort }) => {
  const indexes = INDEXES[coll] ?? []
  expect(indexes.some((ix) => serves(ix.fields.map((f) => f.field), eq, sort))).toBe(true)
})

test('index names are unique per collection and every index has fields', () => {
  for (const [coll, list] of Object.entries(INDEXES)) {
    expect(new Set(list.map((i) => i.name)).size).toBe(list.length)
    for (const i of list) expect(i.fields.length).toBeGreaterThan(0)
    expect(coll).toMatch(/^[a-z_]+$/)
  }
})
