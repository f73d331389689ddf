import type { Output } from '@core/contracts'
import { requireUser, type Ctx } from '../../server/context'
import { NOTIFICATIONS } from '../../server/notify'

export async function myNotifications(ctx: Ctx): Promise<Output<'orders', 'notifications'>> {
  const to = requireUser(ctx)
  const res = await ctx.db.collection(NOTIFICATIONS).where({ to }).orderBy('at', 'desc').limit(50).get()
  // Locally 'recorded' is the simulated push: what production would have sent.
  return (res.data as { _id: string; kind: string; title: string; body: string; at: Date; page: string; delivery?: string }[]).map((n) => ({
    id: n._id, kind: n.kind, title: n.title, body: n.body, at: +n.at, page: n.page, pushed: n.delivery === 'sent' || n.delivery === 'recorded',
  }))
}
