import { checked, isDuplicateKey } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { REFUNDS, type RefundDoc } from './collections'
import { paymentGateway } from './gateway'

/**
 * Sends money back. Idempotent by `refundNo` (WeChat's out_refund_no): the refund is recorded before the
 * provider is asked, a succeeded refund is never asked for again, and a failed one is retried with the same
 * number. Returns whether the money is confirmed back.
 */
export async function refundPayment(
  db: Db,
  r: { orderId: string; refundNo: string; totalFen: number; refundFen: number; now: number },
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
  try {
    checked(await db.collection(REFUNDS).add(doc))
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    const existing = (await db.collection(REFUNDS).doc(r.refundNo).get()).data[0] as RefundDoc | undefined
    if (existing?.status === 'succeeded') return true
  }
  const res = await paymentGateway().refund(r)
  checked(
    await db.collection(REFUNDS).doc(r.refundNo).update(
      res.ok
        ? { status: 'succeeded', succeededAt: new Date(r.now), attempts: _.inc(1) }
        : { lastError: res.reason ?? 'failed', attempts: _.inc(1) },
    ),
  )
  return res.ok
}
