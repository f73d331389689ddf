import { defineFunction, unreachable } from '../../server/runner'
import { center } from './center'
import { join } from './join'
import { share } from './share'
import { visit } from './visit'
import { withdraw } from './withdraw'

export const main = defineFunction('promoters', async (req, ctx) => {
  switch (req.action) {
    case 'join':
      return join(ctx, req.input)
    case 'share':
      return share(ctx, req.input)
    case 'visit':
      return visit(ctx, req.input)
    case 'center':
      return center(ctx)
    case 'withdraw':
      return withdraw(ctx, req.input)
    default:
      return unreachable(req)
  }
})
