import type { AuditRecord } from '../../server/audit'
import { getDb } from '../../server/platform/cloudbase'

/** Collections whose documents may carry their own audit events (`events`: server/audit auditInto, orders/place). */
const CARRIERS = ['orders', 'codes', 'payments']

type Db = ReturnType<typeof getDb>
/** An audit event as server/audit records it, in audit_events or on the document it changed. */
export type AuditEventDoc = AuditRecord

/**
 * Every audit event matching `where` (fields of the event, e.g. `{ entityId, action }`), wherever it was written:
 * in audit_events, or carried by the document it changed. Oldest first.
 */
export async function auditEvents(where: Record<string, unknown>, db: Db = getDb()): Promise<AuditEventDoc[]> {
  const own = (await db.collection('audit_events').where(where).limit(1000).get()).data as AuditEventDoc[]
  // Narrowed first to documents with some event matching each field, then the events themselves are matched.
  const narrow = Object.fromEntries(Object.entries(where).map(([k, v]) => [`events.${k}`, v]))
  const carried = await Promise.all(
    CARRIERS.map(async (coll) => {
      const res = await db.collection(coll).aggregate().match(narrow).project({ _id: 0, events: 1 }).unwind('$events').replaceRoot({ newRoot: '$events' }).match(where).limit(1000).end()
      return res.data as AuditEventDoc[]
    }),
  )
  return [...own, ...carried.flat()].sort((a, b) => +a.at - +b.at)
}

/** How many there are (the same places, counted: no page limit). */
export async function auditCount(where: Record<string, unknown>, db: Db = getDb()): Promise<number> {
  const narrow = Object.fromEntries(Object.entries(where).map(([k, v]) => [`events.${k}`, v]))
  const counts = await Promise.all([
    db.collection('audit_events').where(where).count().then((r: { total: number }) => r.total),
    ...CARRIERS.map(async (coll) => {
      const res = await db.collection(coll).aggregate().match(narrow).project({ _id: 0, events: 1 }).unwind('$events').replaceRoot({ newRoot: '$events' }).match(where).count('n').end()
      return ((res.data as { n: number }[])[0]?.n ?? 0)
    }),
  ])
  return counts.reduce((a, b) => a + b, 0)
}
