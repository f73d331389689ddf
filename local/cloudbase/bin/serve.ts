import path from 'node:path'
import { startCloudbaseServer } from '../src/server'

/**
 * `npm run db`: the local CloudBase database on DB_PORT (default 8786; 0 = random), data in DATA_DIR
 * (default ./.data). Prints the serviceUrl on stdout; SIGINT/SIGTERM stop it after in-flight writes are saved.
 */
async function main(): Promise<void> {
  const port = Number(process.env.DB_PORT ?? 8786)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`DB_PORT must be a port number, got ${process.env.DB_PORT}`)
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  const server = await startCloudbaseServer({ port, dataDir, host: process.env.DB_HOST })
  console.log(`serviceUrl: ${server.url}`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.error(`[cloudbase] ${signal}: stopping`)
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
