import type { Input, Output } from '@core/contracts'
import { requireUser, type Ctx } from '../../server/context'
import { addMessageCredits } from '../../server/notify'
import { messageTemplates } from '../../server/platform/messages'

export function templates(): Output<'orders', 'messageTemplates'> {
  return messageTemplates()
}

/** The kinds the caller just allowed in WeChat's consent dialog: one message each (one-time subscriptions). */
export async function subscribe(ctx: Ctx, input: Input<'orders', 'subscribe'>): Promise<Output<'orders', 'subscribe'>> {
  const openid = requireUser(ctx)
  return addMessageCredits(ctx.db, openid, input.accepted, ctx.now())
}
