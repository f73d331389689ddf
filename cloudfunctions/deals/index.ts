import { defineFunction, unreachable } from '../../server/runner'
import { getDeal } from './get'
import { listDeals } from './list'
import { buyers } from './buyers'
import { dealPage } from './page'
import { addReview, listReviews, replyReview } from './reviews'
import { adjustStock, createDeal, listForShop, setDealStatus, updateDeal } from './manage'

export const main = defineFunction('deals', async (req, ctx) => {
  switch (req.action) {
    case 'list':
      return listDeals(ctx, req.input)
    case 'get':
      return getDeal(ctx, req.input)
    case 'listForShop':
      return listForShop(ctx, req.input)
    case 'create':
      return createDeal(ctx, req.input)
    case 'update':
      return updateDeal(ctx, req.input)
    case 'setStatus':
      return setDealStatus(ctx, req.input)
    case 'adjustStock':
      return adjustStock(ctx, req.input)
    case 'buyers':
      return buyers(ctx, req.input)
    case 'page':
      return dealPage(ctx, req.input)
    case 'reviews':
      return listReviews(ctx, req.input)
    case 'review':
      return addReview(ctx, req.input)
    case 'replyReview':
      return replyReview(ctx, req.input)
    default:
      return unreachable(req)
  }
})
