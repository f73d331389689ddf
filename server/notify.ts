import type { MessageKind } from '@core/contracts/views'
import { checked, isDuplicateKey, updatedCount } from './db'
import type { Db } from './platform/cloudbase'
import { messageSender, type OutgoingMessage } from './platform/messages'

export const NOTIFICATIONS = 'notifications'
/** One-time subscriptions the user accepted (`${openid}:${kind}` → credits): WeChat allows one message per "allow". */
export const SUBSCRIPTIONS = 'message_subscriptions'

export type Delivery = 'queued' | 'sent' | 'recorded' | 'no_consent' | 'failed'

const subscriptionId = (openid: string, kind: string) => `${openid}:${kind}`

/**
 * Puts a message in the user's outbox exactly once (the dedupe key is the document id), then, if the user gave
 * consent for this kind, uses one consent and sends it. A replayed event finds the message already there and
 * sends nothing. Without consent the message stays in the app's message list only ('no_consent').
 */
export async function notifyUser(db: Db, dedupeKey: string, m: OutgoingMessage, now: number): Promise<void> {
  try {
    checked(await db.collection(NOTIFICATIONS).add({ _id: dedupeKey, ...m, at: new Date(now), delivery: 'queued' }))
  } catch (e) {
    if (isDuplicateKey(e)) return
    throw e
  }
  const _ = db.command
  const sid = subscriptionId(m.to, m.kind)
  const consented = (await updatedCount(db.collection(SUBSCRIPTIONS).where({ _id: sid, credits: _.gt(0) }).update({ credits: _.inc(-1) }))) === 1
  let delivery: Delivery = 'no_consent'
  if (consented) {
    delivery = await messageSender().send(m)
    // WeChat keeps the consent when a send fails: so do we.
    if (delivery === 'failed') await db.collection(SUBSCRIPTIONS).doc(sid).update({ credits: _.inc(1) })
  }
  await db.collection(NOTIFICATIONS).doc(dedupeKey).update({ delivery })
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
