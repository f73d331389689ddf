import { auditRecord } from '../../server/audit'
import { AUDIT_EVENTS } from '../../server/collections'
import type { Ctx } from '../../server/context'
import { checked, insertOnce, isDuplicateKey, updatedCount } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { REFUNDS, type RefundDoc } from './collections'
import { paymentGateway } from './gateway'
import type { RefundStatus } from './gateway/types'

/**
 * Sends money back. Idempotent by `refundNo` (WeChat's out_refund_no): the refund is recorded before the provider
 * is asked, and one not accepted is retried with the same number. WeChat's acceptance is not the money: only
 * queryRefund (here, right after) or a refund-result callback it confirms moves a refund to succeeded; one still
 * processing is asked again by the next retry, one abnormal (退款异常) is re-queried. Returns whether the money is
 * confirmed back.
 * `fresh`: the caller has just won the claim that starts this refund (its code unused -> refunding), so no record
 * of it can exist and its claim already marks it in flight for the retries: the record is written once, after
 * WeChat answered, with what it said (a crash before that leaves the code refunding; the retry asks again with the
 * same number, which WeChat refunds once).
 */
export async function refundPayment(
  db: Db,
  r: { orderId: string; refundNo: string; totalFen: number; refundFen: number; now: number; fresh?: boolean },
): Promise<boolean> {
  const _ = db.command
  const doc: RefundDoc = {
    _id: r.refundNo,
    orderId: r.orderId,
    totalFen: r.totalFen,
    refundFen: r.refundFen,
    status: 'requested',
    attempts: 0,
    lastError: null,
    createdAt: new Date(r.now),
    succeededAt: null,
  }
  let existing: RefundDoc | undefined
  if (!r.fresh) {
    try {
      checked(await db.collection(REFUNDS).add(doc))
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      existing = await getRefund(db, r.refundNo)
      if (existing?.status === 'succeeded') return true
    }
    if (existing?.status === 'processing' || existing?.status === 'abnormal') return (await queryAndRecord(db, existing, r.now)) === 'succeeded'
  }
  const res = await paymentGateway().refund(r)
  if (!res.ok) {
    const lastError = res.reason ?? 'failed'
    if (r.fresh && (await insertOnce(db, REFUNDS, { ...doc, attempts: 1, lastError }))) return false
    checked(await db.collection(REFUNDS).doc(r.refundNo).update({ lastError, attempts: _.inc(1) }))
    return false
  }
  // Accepted. Where the money is, WeChat says in queryRefund; one write records both (unknown yet: processing).
  const to = (await queryStatus(r.refundNo)) ?? 'processing'
  if (r.fresh) {
    const first = { ...doc, attempts: 1, ...statusPatch(to, new Date(r.now)) } as RefundDoc
    if (await insertOnce(db, REFUNDS, first)) {
      await auditRefundMove(db, doc, to, r.now, 'queryRefund')
      return to === 'succeeded'
    }
    // A retry wrote it meanwhile: move it from where that left it.
    existing = await getRefund(db, r.refundNo)
    if (existing?.status === 'succeeded') return true
    if (existing && existing.status !== 'requested') {
      await recordRefundStatus(db, existing, to, r.now, 'queryRefund')
      return to === 'succeeded'
    }
  }
  const requested = { ...(existing ?? doc), status: 'requested' as const }
  await recordRefundStatus(db, requested, to, r.now, 'queryRefund', { attempts: _.inc(1) })
  return to === 'succeeded'
}

async function queryStatus(refundNo: string): Promise<RefundStatus | null> {
  try {
    return (await paymentGateway().queryRefund(refundNo))?.status ?? null
  } catch (e) {
    console.error(`[payments.refund] queryRefund ${refundNo} failed`, e)
    return null
  }
}

/** Asks WeChat Pay where the refund is and records what it says; a failed query leaves the record as it was. */
async function queryAndRecord(db: Db, refund: RefundDoc, now: number): Promise<RefundDoc['status']> {
  const to = await queryStatus(refund._id)
  if (!to) return refund.status
  await recordRefundStatus(db, refund, to, now, 'queryRefund')
  return to
}

/**
 * Moves a refund's record to what WeChat Pay says (compare-and-set on the status it had, never away from succeeded),
 * with an audit event on the order: 退款异常 shows on the buyer's timeline. True when this call moved it.
 */
export async function recordRefundStatus(
  db: Db,
  refund: RefundDoc,
  to: RefundStatus,
  now: number,
  by: 'queryRefund' | 'notice',
  also: Record<string, unknown> = {},
): Promise<boolean> {
  if ((refund.status === to && Object.keys(also).length === 0) || refund.status === 'succeeded') return false
  const at = new Date(now)
  const patch = {
    ...statusPatch(to, at),
    // A notice that settles the refund is its confirmation: the next one is a replay.
    ...(by === 'notice' ? { noticeAt: at } : {}),
    ...also,
  }
  const moved = await updatedCount(db.collection(REFUNDS).where({ _id: refund._id, status: refund.status }).update(patch))
  if (moved === 1) await auditRefundMove(db, refund, to, now, by)
  return moved === 1
}

function statusPatch(to: RefundStatus, at: Date): Partial<RefundDoc> {
  return to === 'succeeded' ? { status: to, succeededAt: at, lastError: null } : to === 'abnormal' ? { status: to, abnormalAt: at, lastError: '退款异常' } : { status: to }
}

/** The audit event of a refund record's move (退款异常 shows on the buyer's timeline by it). */
async function auditRefundMove(db: Db, refund: RefundDoc, to: RefundStatus, now: number, by: 'queryRefund' | 'notice'): Promise<void> {
  // Settled at once after the request (the common case), the code's own code.refunded records it: no second event.
  if (refund.status === to || (refund.status === 'requested' && to === 'succeeded')) return
  const ctx = { caller: { openid: null }, fn: 'payments', requestId: `refund-${refund._id}-${now}`, now: () => now } as unknown as Ctx
  const action = to === 'succeeded' ? 'refund.succeeded' : to === 'abnormal' ? 'refund.abnormal' : 'refund.processing'
  await db.collection(AUDIT_EVENTS).add(auditRecord(ctx, { entity: 'refund', entityId: refund._id, orderId: refund.orderId, action, from: refund.status, to, detail: { refundFen: refund.refundFen, by } }))
}

export async function getRefund(db: Db, refundNo: string): Promise<RefundDoc | undefined> {
  return (await db.collection(REFUNDS).doc(refundNo).get()).data[0] as RefundDoc | undefined
}

/**
 * Refunds WeChat Pay could not return (退款异常), oldest first. Few by nature (each one a shop must fix by hand), so
 * the shop's are picked from all of them by their orders.
 */
export async function abnormalRefunds(db: Db, limit = 500): Promise<RefundDoc[]> {
  return (await db.collection(REFUNDS).where({ status: 'abnormal' }).orderBy('abnormalAt', 'asc').limit(limit).get()).data as RefundDoc[]
}
