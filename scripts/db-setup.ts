/**
 * `npm run db:setup`: creates every collection and index the product needs in a CloudBase environment, through the
 * official management SDK (@cloudbase/manager-node, a devDependency: it never ships in a function). Idempotent:
 * run it before the first deploy and after any change to a collections.ts or cloudfunctions/indexes.ts.
 *
 *   ENV_ID=<env id> TENCENTCLOUD_SECRETID=... TENCENTCLOUD_SECRETKEY=... [TENCENTCLOUD_SESSIONTOKEN=...] npm run db:setup
 */
import CloudBase from '@cloudbase/manager-node'
import { setupDatabase } from '../server/setup/database'
import { managerTarget, type ManagerDatabase } from '../server/setup/manager'

async function main(): Promise<void> {
  const envId = process.env.ENV_ID
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  const missing = Object.entries({ ENV_ID: envId, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey })
    .filter(([, v]) => !v)
    .map(([k]) => k)
  if (missing.length > 0) {
    console.error(`db:setup needs ${missing.join(', ')} in the environment (a CAM key allowed to manage the environment's database).`)
    process.exit(2)
  }
  const manager = new CloudBase({ envId, secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined })
  const report = await setupDatabase(managerTarget(manager.database as unknown as ManagerDatabase), (line) => console.log(`[db:setup] ${line}`))
  console.log(
    `[db:setup] ${envId}: collections ${report.created.length} created, ${report.existing.length} already there; ` +
      `indexes ${report.indexesCreated.length} created, ${report.indexesExisting.length} already there`,
  )
}

main().catch((e: unknown) => {
  console.error('[db:setup] failed:', e)
  process.exit(1)
})
