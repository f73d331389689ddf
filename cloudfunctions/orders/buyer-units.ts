import { checked, isDuplicateKey, updatedCount } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { txUpdate, type Tx } from '../../server/tx'
import { BUYER_UNITS, buyerUnitsId } from './collections'

/**
 * Per-buyer purchase limit as a counter with a conditional increment, so two checkouts of the same buyer at
 * once cannot together exceed it (a count of earlier orders would be read-then-write). The counter lists the
 * checkouts it counted, so a retried checkout is counted once and a dead one can be given back.
 * Most checkouts are a buyer's first of the deal: the counter is created first (one trip), and only when it exists
 * already is it moved by the conditional increment.
 */
export async function takeUnits(db: Db, dealId: string, buyer: string, orderId: string, qty: number, limit: number): Promise<boolean> {
  if (qty > limit) return false
  const _ = db.command
  const id = buyerUnitsId(dealId, buyer)
  try {
    checked(await db.collection(BUYER_UNITS).add({ _id: id, dealId, buyer, units: qty, orders: [orderId] }))
    return true
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
  if ((await updatedCount(db.collection(BUYER_UNITS).where({ _id: id, units: _.lte(limit - qty), orders: _.neq(orderId) }).update({ units: _.inc(qty), orders: _.push([orderId]) }))) === 1) return true
  // The limit is reached, unless this checkout is already counted (a retry).
  const counter = (await db.collection(BUYER_UNITS).doc(id).get()).data[0] as { orders?: string[] } | undefined
  return counter?.orders?.includes(orderId) ?? false
}

/** Gives back the units a checkout took when it did not become an order; once, by the order id. */
export async function returnCheckoutUnits(db: Db, dealId: string, buyer: string, orderId: string, qty: number): Promise<void> {
  const _ = db.command
  checked(await db.collection(BUYER_UNITS).where({ _id: buyerUnitsId(dealId, buyer), orders: orderId }).update({ units: _.inc(-qty), orders: _.pull(orderId) }))
}

export async function returnUnitsInTx(tx: Tx, db: Db, dealId: string, buyer: string, qty: number): Promise<void> {
  const _ = db.command
  await txUpdate(tx, BUYER_UNITS, buyerUnitsId(dealId, buyer), { units: _.inc(-qty) })
}
