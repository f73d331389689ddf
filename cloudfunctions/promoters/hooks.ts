import type { Db } from '../../server/platform/cloudbase'

/**
 * Seams where the commission ledger (promoters issue) books lines: called exactly once per event by the
 * caller that won the corresponding compare-and-set. The ledger is not built yet, so they book nothing.
 */
export async function onOrderPaid(_db: Db, _e: { orderId: string; shareCode: string | null; codes: string[]; unitPriceFen: number }): Promise<void> {}

export async function onUnitRefunded(_db: Db, _e: { orderId: string; code: string }): Promise<void> {}
