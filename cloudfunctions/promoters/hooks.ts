import type { Db } from '../../server/platform/cloudbase'

/**
 * Seams where the commission ledger (promoters issue) books its lines: each is called by the caller that won
 * the corresponding compare-and-set. The ledger is not built yet, so they book nothing and allow every undo.
 */
export async function onOrderPaid(_db: Db, _e: { orderId: string; shareCode: string | null; codes: string[]; unitPriceFen: number }): Promise<void> {}

export async function onUnitRedeemed(_db: Db, _e: { orderId: string; code: string }): Promise<void> {}

export async function onUnitRefunded(_db: Db, _e: { orderId: string; code: string }): Promise<void> {}

/** With `check`, answers whether an undo is still allowed (not once the commission was withdrawn). */
export async function onRedemptionUndone(_db: Db, _e: { orderId: string; code: string; check: boolean }): Promise<boolean> {
  return true
}
