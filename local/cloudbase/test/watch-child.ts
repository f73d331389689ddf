/**
 * Runs one `watch()` against the server at argv[2] in its own process (the SDK keeps its realtime client in a
 * process-wide singleton that retries for about a minute), prints what the SDK logged as JSON, and exits.
 */
import { sdkFor } from './helpers'

const logged: string[] = []
console.error = (...a: unknown[]) => void logged.push(a.map(String).join(' '))
console.log = () => undefined

const db = sdkFor(process.argv[2])
db.collection(process.argv[3]).where({ a: 1 }).watch({ onChange: () => undefined, onError: (e: unknown) => void logged.push(`onError: ${String(e)}`) })
const started = Date.now()
const timer = setInterval(() => {
  // The SDK logs each failed websocket start as '[realtime] initWebSocketConnection connect fail <error>'.
  if (logged.some((l) => l.includes('initWebSocketConnection')) || Date.now() - started > 10_000) {
    clearInterval(timer)
    process.stdout.write(JSON.stringify(logged))
    process.exit(0)
  }
}, 20)
