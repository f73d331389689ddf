import { checked } from '../../server/db'
import type { Db } from '../../server/platform/cloudbase'
import { txGet, txUpdate, type Tx } from '../../server/tx'
import { RATE_LIMITS } from './collections'
import { budgetId } from './rate-limit'

/**
 * In the transaction that adds or removes a membership (shops/invites, shops/members): the account's list of shops on
 * its look-up document (rate-limit.ts) moves with it, so the one write that holds a look-up's unit also checks the
 * role. A document without the list (none yet) only counts the change: its first look-up reads shop_members.
 */
export async function moveStaffShopInTx(tx: Tx, db: Db, openid: string, change: { add: string } | { remove: string }): Promise<void> {
  const id = budgetId(openid)
  const doc = await txGet<{ shops?: string[]; rev?: number }>(tx, RATE_LIMITS, id)
  if (!doc) {
    checked(await tx.collection(RATE_LIMITS).add({ _id: id, openid, rev: 1 }))
    return
  }
  const patch: Record<string, unknown> = { rev: (doc.rev ?? 0) + 1 }
  if (doc.shops) patch.shops = db.command.set('add' in change ? [...new Set([...doc.shops, change.add])] : doc.shops.filter((s) => s !== change.remove))
  await txUpdate(tx, RATE_LIMITS, id, patch)
}
