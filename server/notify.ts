import type { MessageKind } from '@core/contracts/views'
import { NOTIFICATIONS, SUBSCRIPTIONS } from './collections'
import { checked, insertOnce, isDuplicateKey, updatedCount } from './db'
import { randomId } from './ids'
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
  if (consented) await send(db, dedupeKey, sid, m)
}

/** Sends a message whose consent was taken and whose outbox record is written, and records what happened to it. */
async function send(db: Db, key: string, sid: string, m: OutgoingMessage): Promise<void> {
  const r = await messageSender().send(m)
  // WeChat keeps the consent when a send fails, so do we; except when WeChat says there is none (43101): then the
  // credit we counted does not exist on its side either.
  if (r.delivery === 'failed' && r.failure !== 'MESSAGE_NOT_ALLOWED') await db.collection(SUBSCRIPTIONS).doc(sid).update({ credits: db.command.inc(1) })
  const delivery: Delivery = r.delivery
  await db.collection(NOTIFICATIONS).doc(key).update(r.delivery === 'failed' ? { delivery, failure: r.failure, errcode: r.errcode ?? null } : { delivery })
}

/**
 * Several messages of one event (核销: the buyer's and the promoter's), each as notifyUser would send it, in two trips
 * when nobody consented instead of two each: one read of their consents, then their outbox records in one insert (all or nothing). A
 * credit is taken (the conditional decrement notifyUser makes) only where that read saw one: a consent given after
 * the read counts from the next message, as one given just after the event would. A replay (some record there
 * already) settles the records one by one and gives back the credits of those that were there.
 */
export async function notifyUsers(db: Db, messages: { key: string; m: OutgoingMessage }[], now: number): Promise<void> {
  if (messages.length === 0) return
  if (messages.length === 1) return notifyUser(db, messages[0].key, messages[0].m, now)
  const _ = db.command
  const sids = messages.map(({ m }) => subscriptionId(m.to, m.kind))
  const seen = (await db.collection(SUBSCRIPTIONS).where({ _id: _.in([...new Set(sids)]) }).limit(sids.length).get()).data as { _id: string; credits?: number }[]
  const hasCredit = new Set(seen.filter((s) => (s.credits ?? 0) > 0).map((s) => s._id))
  const take = (sid: string) => updatedCount(db.collection(SUBSCRIPTIONS).where({ _id: sid, credits: _.gt(0) }).update({ credits: _.inc(-1) }))
  const consented = await Promise.all(sids.map(async (sid) => hasCredit.has(sid) && (await take(sid)) === 1))
  // The attempt id tells this call's records from a replay's: a batch add that fails part-way may keep the records
  // before the one refused (as MongoDB's insertMany does), and those are this call's to send, not a replay's.
  const attempt = randomId('nt_', 8)
  const records = messages.map(({ key, m }, i) => ({ _id: key, ...m, at: new Date(now), delivery: consented[i] ? 'queued' : 'no_consent', attempt }))
  let written = messages.map(() => true)
  try {
    checked(await db.collection(NOTIFICATIONS).add(records))
  } catch (e) {
    const found = (await db.collection(NOTIFICATIONS).where({ _id: _.in(records.map((r) => r._id)) }).limit(records.length).get()).data as { _id: string; attempt?: string }[]
    const mine = new Set(found.filter((d) => d.attempt === attempt).map((d) => d._id))
    if (!isDuplicateKey(e)) {
      // What was not written keeps its consent, as notifyUser leaves it when its record fails; what was is sent.
      await Promise.all(
        messages.map(({ key, m }, i) => {
          if (!consented[i]) return null
          return mine.has(key) ? send(db, key, sids[i], m) : db.collection(SUBSCRIPTIONS).doc(sids[i]).update({ credits: _.inc(1) })
        }),
      )
      throw e
    }
    written = await Promise.all(records.map((r) => (mine.has(r._id) ? true : insertOnce(db, NOTIFICATIONS, r))))
  }
  await Promise.all(
    messages.map(async ({ key, m }, i) => {
      if (!consented[i]) return
      if (written[i]) await send(db, key, sids[i], m)
      else await db.collection(SUBSCRIPTIONS).doc(sids[i]).update({ credits: _.inc(1) })
    }),
  )
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
