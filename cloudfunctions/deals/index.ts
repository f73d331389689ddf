import { defineFunction, unreachable } from '../../server/runner'
import { getDeal } from './get'
import { listDeals } from './list'

export const main = defineFunction('deals', async (req, ctx) => {
  switch (req.action) {
    case 'list':
      return listDeals(ctx, req.input)
    case 'get':
      return getDeal(ctx, req.input)
    default:
      return unreachable(req)
  }
})
