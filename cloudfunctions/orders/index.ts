import { defineFunction, unreachable } from '../../server/runner'
import { cancelOrder } from './cancel'
import { confirmReceipt } from './receipt'
import { getOrder } from './get'
import { groupCard } from './group-card-action'
import { listMyOrders } from './list-mine'
import { myNotifications } from './notifications'
import { placeOrder } from './place'
import { refundCodes } from './refund'
import { subscribe, templates } from './subscriptions'

export const main = defineFunction('orders', async (req, ctx) => {
  switch (req.action) {
    case 'place':
      return placeOrder(ctx, req.input)
    case 'get':
      return getOrder(ctx, req.input)
    case 'listMine':
      return listMyOrders(ctx, req.input)
    case 'refund':
      return refundCodes(ctx, req.input)
    case 'cancel':
      return cancelOrder(ctx, req.input)
    case 'confirmReceipt':
      return confirmReceipt(ctx, req.input)
    case 'groupCard':
      return groupCard(ctx, req.input)
    case 'notifications':
      return myNotifications(ctx)
    case 'messageTemplates':
      return templates()
    case 'subscribe':
      return subscribe(ctx, req.input)
    default:
      return unreachable(req)
  }
})
