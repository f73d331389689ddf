import { messageFor } from '@core/errors'
import { getDb } from '../../server/platform/cloudbase'
import { callerFromContext } from '../../server/platform/identity'
import { defineFunction, unreachable } from '../../server/runner'
import { center } from './center'
import { earnings } from './earnings'
import { join } from './join'
import { promoterOrders } from './orders'
import { posterCode } from './poster-code'
import { share } from './share'
import { visit } from './visit'
import { looksLikeTransferCallback } from './transfer/types'
import { withdraw } from './withdraw'
import { handleTransferNotify, withdrawal } from './withdrawals'

const actions = defineFunction('promoters', async (req, ctx) => {
  switch (req.action) {
    case 'join':
      return join(ctx, req.input)
    case 'share':
      return share(ctx, req.input)
    case 'visit':
      return visit(ctx, req.input)
    case 'center':
      return center(ctx)
    case 'earnings':
      return earnings(ctx, req.input)
    case 'orders':
      return promoterOrders(ctx, req.input)
    case 'posterCode':
      return posterCode(ctx, req.input)
    case 'withdraw':
      return withdraw(ctx, req.input)
    case 'withdrawal':
      return withdrawal(ctx, req.input)
    default:
      return unreachable(req)
  }
})

/** One function, two doors: client actions, and WeChat Pay's transfer callback (its HTTP access path, TUANKA_TRANSFER_NOTIFY_URL). */
export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (!looksLikeTransferCallback(event)) return actions(event, context)
  const caller = callerFromContext(context)
  // WeChat Pay reaches this door over HTTP access, which carries no user; a mini-program user never does.
  if (caller.openid) return { ok: false, code: 'FORBIDDEN', message: messageFor('FORBIDDEN') }
  const ctx = { fn: 'promoters', requestId: `transfer-notify-${Date.now().toString(36)}`, caller, db: getDb(), now: () => Date.now() }
  try {
    return await handleTransferNotify(ctx, event)
  } catch (e) {
    console.error('[promoters.transferNotify]', e)
    return { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'FAIL', message: 'INTERNAL' }) }
  }
}
