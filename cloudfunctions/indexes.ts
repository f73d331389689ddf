/**
 * The database indexes the product needs, per collection: `npm run db:setup` creates each one in the environment
 * (server/setup, through the management SDK), before the first deploy and after every change here. The local
 * database server (local/cloudbase) is given the same list at start and keeps it in memory. Derived from every where(...)/orderBy(...)/aggregate().match(...) in cloudfunctions/** and server/**;
 * queries that pin `_id` need none.
 */
export interface IndexField {
  field: string
  /** '2dsphere': a geo index on a GeoJSON field (what `_.geoNear` / aggregate geoNear use). */
  direction: 'asc' | 'desc' | '2dsphere'
}

export interface IndexSpec {
  name: string
  fields: IndexField[]
  unique?: boolean
}

const asc = (field: string): IndexField => ({ field, direction: 'asc' })
const desc = (field: string): IndexField => ({ field, direction: 'desc' })

export const INDEXES: Readonly<Record<string, readonly IndexSpec[]>> = {
  commission_lines: [
    { name: 'promoter_createdAt', fields: [asc('promoter'), desc('createdAt')] },
    { name: 'promoter_status_availableAt', fields: [asc('promoter'), asc('status'), asc('availableAt')] },
    { name: 'orderId', fields: [asc('orderId')] },
    { name: 'shopId_createdAt', fields: [asc('shopId'), asc('createdAt')] },
  ],
  commission_orders: [
    { name: 'promoter_createdAt', fields: [asc('promoter'), desc('createdAt')] },
    { name: 'counted', fields: [asc('counted')] },
  ],
  shares: [{ name: 'promoter_createdAt', fields: [asc('promoter'), desc('createdAt')] }],
  group_funnels: [{ name: 'promoter_lastAt', fields: [asc('promoter'), desc('lastAt')] }],
  shop_promoters: [
    { name: 'shopId_firstSeenAt', fields: [asc('shopId'), desc('firstSeenAt')] },
    { name: 'promoter', fields: [asc('promoter')] },
  ],
  withdrawals: [
    { name: 'promoter_createdAt', fields: [asc('promoter'), desc('createdAt')] },
    { name: 'status_createdAt', fields: [asc('status'), asc('createdAt')] },
  ],
  orders: [
    { name: 'buyer_createdAt', fields: [asc('buyer'), desc('createdAt')] },
    { name: 'dealId_status_paidAt', fields: [asc('dealId'), asc('status'), desc('paidAt')] },
    { name: 'shopId_paidAt', fields: [asc('shopId'), asc('paidAt')] },
    { name: 'status_payBefore', fields: [asc('status'), asc('payBefore')] },
    { name: 'shipping_state_status_nextAt', fields: [asc('shipping.state'), asc('status'), asc('shipping.nextAt')] },
  ],
  codes: [
    { name: 'orderId_index', fields: [asc('orderId'), asc('index')] },
    { name: 'shopId_status_redeemedAt', fields: [asc('shopId'), asc('status'), desc('redeemedAt')] },
    { name: 'shopId_status_refundedAt', fields: [asc('shopId'), asc('status'), asc('refundedAt')] },
    { name: 'status_validEnd', fields: [asc('status'), asc('validEnd')] },
    { name: 'status_refundRequestedAt', fields: [asc('status'), asc('refundRequestedAt')] },
    { name: 'status_booked_redeemedAt', fields: [asc('status'), asc('booked'), asc('redeemedAt')] },
    { name: 'status_booked_refundedAt', fields: [asc('status'), asc('booked'), asc('refundedAt')] },
  ],
  deals: [
    { name: 'status_createdAt', fields: [asc('status'), desc('createdAt')] },
    { name: 'status_category_createdAt', fields: [asc('status'), asc('category'), desc('createdAt')] },
    { name: 'shopId_createdAt', fields: [asc('shopId'), desc('createdAt')] },
    { name: 'groupStatus_groupDeadline', fields: [asc('groupStatus'), asc('groupDeadline')] },
    { name: 'holdCount', fields: [asc('holdCount')] },
  ],
  reviews: [{ name: 'dealId_at', fields: [asc('dealId'), desc('at')] }],
  audit_events: [{ name: 'orderId_at', fields: [asc('orderId'), asc('at')] }],
  notifications: [{ name: 'to_at', fields: [asc('to'), desc('at')] }],
  shops: [{ name: 'geo_2dsphere', fields: [{ field: 'geo', direction: '2dsphere' }] }],
  shop_members: [
    { name: 'openid', fields: [asc('openid')] },
    { name: 'shopId_createdAt', fields: [asc('shopId'), asc('createdAt')] },
  ],
}
