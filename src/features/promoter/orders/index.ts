export { PromoterOrderCard } from './PromoterOrderCard'
export { usePromoterOrders, type PromoterOrdersState } from './usePromoterOrders'
export { ruleName, whyYours } from './why'
