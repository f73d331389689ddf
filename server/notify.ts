import type { MessageKind } from '@core/contracts/views'
import { NOTIFICATIONS, SUBSCRIPTIONS } from './collections'
import { checked, isDuplicateKey, updatedCount } from './db'
import type { Db } from './platform/cloudbase'
import { messageSender, type OutgoingMessage } from './platform/messages'

export { NOTIFICATIONS, SUBSCRIPTIONS }

export type Delivery = 'queued' | 'sent' | 'recorded' | 'no_consent' | 'failed'

const subscriptionId = (openid: string, kind: string) => `${openid}:${kind}`

/**
 * Puts a message in the user's outbox exactly once (the dedupe key is the document id) and, if the user gave
 * consent for this kind, uses one consent and sends it. The consent is taken first so the outbox record is
 * written once with what happens to it (two trips without consent); a replayed event finds the record already
 * there, gives the consent back and sends nothing.
 */
export async function notifyUser(db: Db, dedupeKey: string, m: OutgoingMessage, now: number): Promise<void> {
  const _ = db.command
  const sid = subscriptionId(m.to, m.kind)
  const consented = (await updatedCount(db.collection(SUBSCRIPTIONS).where({ _id: sid, credits: _.gt(0) }).update({ credits: _.inc(-1) }))) === 1
  try {
    checked(await db.collection(NOTIFICATIONS).add({ _id: dedupeKey, ...m, at: new Date(now), delivery: consented ? 'queued' : 'no_consent' }))
  } catch (e) {
    if (consented) await db.collection(SUBSCRIPTIONS).doc(sid).update({ credits: _.inc(1) })
    if (isDuplicateKey(e)) return
    throw e
  }
  if (!consented) return
  const r = await messageSender().send(m)
  // WeChat keeps the consent when a send fails, so do we; except when WeChat says there is none (43101): then the
  // credit we counted does not exist on its side either.
  if (r.delivery === 'failed' && r.failure !== 'MESSAGE_NOT_ALLOWED') await db.collection(SUBSCRIPTIONS).doc(sid).update({ credits: _.inc(1) })
  const delivery: Delivery = r.delivery
  await db.collection(NOTIFICATIONS).doc(dedupeKey).update(r.delivery === 'failed' ? { delivery, failure: r.failure, errcode: r.errcode ?? null } : { delivery })
}

/** Records the kinds a user accepted in wx.requestSubscribeMessage: one credit each. */
export async function addMessageCredits(db: Db, openid: string, kinds: MessageKind[], now: number): Promise<{ kind: string; credits: number }[]> {
  const _ = db.command
  const out: { kind: string; credits: number }[] = []
  for (const kind of [...new Set(kinds)]) {
    const sid = subscriptionId(openid, kind)
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await updatedCount(db.collection(SUBSCRIPTIONS).doc(sid).update({ credits: _.inc(1), at: new Date(now) }))) === 1) break
      try {
        checked(await db.collection(SUBSCRIPTIONS).add({ _id: sid, openid, kind, credits: 1, at: new Date(now) }))
        break
      } catch (e) {
        if (!isDuplicateKey(e)) throw e
      }
    }
    const doc = (await db.collection(SUBSCRIPTIONS).doc(sid).get()).data[0] as { credits: number } | undefined
    out.push({ kind, credits: doc?.credits ?? 0 })
  }
  return out
}
