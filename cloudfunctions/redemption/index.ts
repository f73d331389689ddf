import { defineFunction, unreachable } from '../../server/runner'
import { confirmCodes } from './confirm'
import { history } from './history'
import { previewCode } from './preview'
import { undoRedemption } from './undo'

export const main = defineFunction('redemption', async (req, ctx) => {
  switch (req.action) {
    case 'preview':
      return previewCode(ctx, req.input)
    case 'confirm':
      return confirmCodes(ctx, req.input)
    case 'undo':
      return undoRedemption(ctx, req.input)
    case 'history':
      return history(ctx, req.input)
    default:
      return unreachable(req)
  }
})
