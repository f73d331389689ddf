import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../../..')

export interface Child {
  /** What the child printed to find it (the database's serviceUrl, the gateway's base URL). */
  url: string
  proc: ChildProcess
  /** Its stderr, line by line (function errors, warnings). */
  stderr: string[]
  /** SIGKILL: no clean-up of any kind, like a crashed machine process. Resolves once it is gone. */
  kill9(): Promise<void>
  /** SIGTERM and wait (end of the family). */
  stop(): Promise<void>
}

/**
 * Starts `entry` with node itself (`node --import tsx`), not through the tsx CLI: the CLI runs the script in a
 * second node process, so a SIGKILL sent to it would leave the real server running.
 */
function start(entry: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  proc.stderr!.on('data', (c: Buffer) => stderr.push(...c.toString().split('\n').filter(Boolean)))
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  const gone = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
    await exited
  }
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${entry} did not start: ${stderr.slice(-5).join(' | ')}`)), 30_000)
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = ready.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ url: m[1], proc, stderr, kill9: () => gone('SIGKILL'), stop: () => gone('SIGTERM') })
      }
    })
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited early (${code}): ${stderr.slice(-5).join(' | ')}`))
    })
  })
}

/**
 * The local CloudBase database server (local/cloudbase/bin/serve.ts) on DB_PORT (0 = random) with DATA_DIR, and the
 * WeChat Pay emulator inside it: its callbacks go to `notifyUrl`, retried only when the test asks (time is an input).
 */
export function startDbChild(dataDir: string, port = 0, notifyUrl?: string): Promise<Child> {
  const wxpay: Record<string, string> = notifyUrl ? { WXPAY_NOTIFY_URL: notifyUrl, WXPAY_RETRY_TIMERS: 'off' } : {}
  return start('local/cloudbase/bin/serve.ts', { DB_PORT: String(port), DATA_DIR: dataDir, ...wxpay }, /serviceUrl: (\S+)/)
}

/** The functions gateway alone (tests/reliability/gateway-child.ts), talking to the database at `dbUrl`. */
export function startGatewayChild(dbUrl: string): Promise<Child> {
  return start('tests/reliability/gateway-child.ts', { DB_URL: dbUrl, API_PORT: '0' }, /gateway: (\S+)/)
}

export const portOf = (url: string) => Number(new URL(url).port)
