import type { ErrorCode } from '@core/errors'
import { checked } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { txUpdate, type Tx } from '../../server/tx'
import { DEALS, type DealDoc } from './collections'

/** What other contexts may ask the deals context: stock moves only through these conditional updates. */

/**
 * Takes `qty` units in one conditional update (published, in its sale window, `stock >= qty`): concurrent
 * buyers can never oversell. Returns the deal after the update, or null when the condition did not hold.
 */
export async function reserveStock(db: Db, dealId: string, qty: number, now: number): Promise<DealDoc | null> {
  const _ = db.command
  const res = checked(
    await db
      .collection(DEALS)
      .where({ _id: dealId, status: 'published', stock: _.gte(qty), saleStart: _.lte(new Date(now)), saleEnd: _.gt(new Date(now)) })
      .updateAndReturn({ stock: _.inc(-qty), sold: _.inc(qty) }),
  ) as { updated: number; doc?: DealDoc }
  return res.updated === 1 && res.doc ? res.doc : null
}

/** Gives back units a failed checkout took a moment ago (nothing else can have depended on them yet). */
export async function releaseStock(db: Db, dealId: string, qty: number): Promise<void> {
  const _ = db.command
  checked(await db.collection(DEALS).doc(dealId).update({ stock: _.inc(qty), sold: _.inc(-qty) }))
}

/** Gives units back inside the transaction that closes or refunds them, so it happens exactly when that commits. */
export async function releaseStockInTx(tx: Tx, db: Db, dealId: string, qty: number): Promise<void> {
  const _ = db.command
  await txUpdate(tx, DEALS, dealId, { stock: _.inc(qty), sold: _.inc(-qty) })
}

export async function getDealDoc(db: Db, dealId: string): Promise<DealDoc | null> {
  const res = await db.collection(DEALS).doc(dealId).get()
  return ((res.data as DealDoc[])[0] as DealDoc | undefined) ?? null
}

/** Why a reservation failed, read after the fact (only on the failure path, never before the write). */
export function whyNotReservable(deal: DealDoc | null, qty: number, now: number): ErrorCode {
  if (!deal || deal.status === 'draft') return 'DEAL_NOT_FOUND'
  if (deal.status === 'paused') return 'DEAL_PAUSED'
  if (deal.status === 'ended' || now >= +deal.saleEnd) return 'SALE_ENDED'
  if (now < +deal.saleStart) return 'SALE_NOT_STARTED'
  if (deal.stock <= 0) return 'SOLD_OUT'
  if (deal.stock < qty) return 'INSUFFICIENT_STOCK'
  return 'DEAL_NOT_ON_SALE'
}
