/**
 * `npx tsx scripts/recount-deals.ts [dealId ...]`: sets every deal's 已售/接龙/已拼 counters (groupUnits, groupBuyers,
 * group_members) from its orders, once, for data written before every payment moved them (deals without a group
 * counted nothing). Run it with the functions stopped (no payment or refund in between), against the environment
 * the SDK is configured for (TCB_ENV / the function context), or the local database: DB_URL=http://127.0.0.1:8786.
 */
import { liveUnitsByBuyer } from '../cloudfunctions/orders/public'
import { setDealCounts } from '../cloudfunctions/deals/public'
import { DEALS } from '../cloudfunctions/deals/collections'
import { pointSdkAt } from '../local/sdk-env'
import { getDb } from '../server/platform/cloudbase'

async function main(): Promise<void> {
  if (process.env.DB_URL) pointSdkAt(process.env.DB_URL)
  const db = getDb()
  const ids = process.argv.slice(2)
  const deals = ids.length ? ids : ((await db.collection(DEALS).field({ _id: true }).limit(1000).get()).data as { _id: string }[]).map((d) => d._id)
  for (const id of deals) {
    const { units, buyers } = await setDealCounts(db, id, await liveUnitsByBuyer(db, id))
    console.log(`[recount] ${id}: 已售 ${units}, ${buyers} 人`)
  }
}

main().catch((e: unknown) => {
  console.error('[recount] failed:', e)
  process.exit(1)
})
