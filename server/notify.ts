import { checked, isDuplicateKey } from './db'
import type { Db } from './platform/cloudbase'
import { messageSender, type OutgoingMessage } from './platform/messages'

export const NOTIFICATIONS = 'notifications'

/**
 * Puts a message in the user's outbox exactly once (the dedupe key is the document id), then sends it.
 * A replayed event finds the message already there and sends nothing.
 */
export async function notifyUser(db: Db, dedupeKey: string, m: OutgoingMessage, now: number): Promise<void> {
  try {
    checked(await db.collection(NOTIFICATIONS).add({ _id: dedupeKey, ...m, at: new Date(now), delivery: 'queued' }))
  } catch (e) {
    if (isDuplicateKey(e)) return
    throw e
  }
  const delivery = await messageSender().send(m)
  await db.collection(NOTIFICATIONS).doc(dedupeKey).update({ delivery })
}
