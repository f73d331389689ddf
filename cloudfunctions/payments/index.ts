import { callerFromContext } from '../../server/platform/identity'
import { getDb } from '../../server/platform/cloudbase'
import { defineFunction, unreachable } from '../../server/runner'
import { looksLikePayCallback } from './gateway/types'
import { handlePayNotify, notFromPlatform } from './notify'
import { prepay } from './prepay'

const actions = defineFunction('payments', async (req, ctx) => {
  switch (req.action) {
    case 'prepay':
      return prepay(ctx, req.input)
    default:
      return unreachable(req.action)
  }
})

/** One function, two doors: client actions, and WeChat Pay's callback (named by unifiedOrder's functionName). */
export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (!looksLikePayCallback(event)) return actions(event, context)
  const caller = callerFromContext(context)
  // WeChat Pay invokes this door with no user in the platform context; a WeChat user's call shaped like a callback
  // is not the platform, and is refused before anything is read or asked of the provider.
  if (caller.openid) return notFromPlatform()
  const ctx = { fn: 'payments', requestId: `notify-${Date.now().toString(36)}`, caller, db: getDb(), now: () => Date.now() }
  try {
    return await handlePayNotify(ctx, event)
  } catch (e) {
    console.error('[payments.notify]', e)
    return { errcode: 1, errmsg: 'INTERNAL' }
  }
}
