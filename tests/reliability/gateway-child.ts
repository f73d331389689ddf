import { startGateway } from '../../local/gateway/server'
import { pointSdkAt } from '../../local/sdk-env'
import { PERSONAS } from '../../local/seed/personas'

/**
 * The local gateway alone in a process of its own, so the crash family can kill it with SIGKILL mid-burst.
 * DB_URL: the database's serviceUrl; API_PORT (default 0 = random). Prints `gateway: <url>` once listening.
 * WeChat Pay's callbacks reach the payments function through it (POST /fn/payments with no identity, as the
 * platform invokes it); the emulator itself lives with the database child.
 */
async function main(): Promise<void> {
  const dbUrl = process.env.DB_URL
  if (!dbUrl) throw new Error('DB_URL is required')
  pointSdkAt(dbUrl)
  const gw = await startGateway({
    port: Number(process.env.API_PORT ?? 0),
    fileDirs: [],
    personas: PERSONAS.map((p) => ({ ...p })),
  })
  console.log(`gateway: ${gw.url}`)
  const stop = () => void gw.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
