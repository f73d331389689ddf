import { defineFunction, unreachable } from '../../server/runner'
import { getShop } from './get'
import { me } from './me'

export const main = defineFunction('shops', async (req, ctx) => {
  switch (req.action) {
    case 'me':
      return me(ctx)
    case 'get':
      return getShop(ctx, req.input)
    default:
      return unreachable(req)
  }
})
