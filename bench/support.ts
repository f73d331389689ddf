import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../local/stack'

/** The repository root (bench/ lives directly under it). */
export const ROOT = path.resolve(__dirname, '..')

export type Verdict = 'ok' | 'MISSED' | 'info' | 'ERROR'

/** One line of the table: what was measured, the absolute number, a ratio beside it, the goal, the verdict. */
export interface Row {
  measure: string
  result: string
  ratio: string
  goal: string
  verdict: Verdict
  /** Printed under the table when the goal is missed: what limits it, read off the code path or the data. */
  limit?: string
}

export const verdict = (met: boolean): Verdict => (met ? 'ok' : 'MISSED')

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

export const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`)
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const pct = (x: number) => `${Math.round(x * 100)}%`
export const times = (x: number) => `${x.toFixed(2)}×`
export const int = (x: number) => Math.round(x).toLocaleString('en-US')

export const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t))

/** Processes this bench started (its own Taro builds), which are not "someone else's build". */
export const ownPids = new Set<number>()

/** Whether another engineer's Taro build is running right now (they share these 2 cores). */
export function taroBuildRunning(): boolean {
  try {
    const pids = execFileSync('pgrep', ['-f', 'taro build'], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean)
    // A `flock <lock> … taro build` still queued on the build lock names the build without running it.
    return pids.some((p) => !ownPids.has(p) && !isFlock(p))
  } catch {
    return false // pgrep exits 1 when nothing matches
  }
}

function isFlock(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'flock'
  } catch {
    return false
  }
}

/** Waits (up to `maxMs`) until no Taro build is running. Returns whether one had to be waited for. */
export async function waitForTaroBuilds(log: (l: string) => void, maxMs = 15 * 60_000): Promise<boolean> {
  if (!taroBuildRunning()) return false
  log('  waiting for a running `taro build` to finish...')
  const until = Date.now() + maxMs
  while (taroBuildRunning() && Date.now() < until) await sleep(2000)
  return true
}

/**
 * Notes, per measurement, whether a Taro build was competing for the CPU at any of the moments sampled, and the
 * 1-minute load average: the numbers are noisy on this 2-core machine and the table says when they were.
 */
export class Noise {
  private builds = false
  private maxLoad = 0
  private timer?: NodeJS.Timeout
  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), 3000)
    this.timer.unref()
  }
  stop(): string {
    clearInterval(this.timer)
    this.sample()
    return `load ≤ ${this.maxLoad.toFixed(1)}${this.builds ? ', a Taro build was running' : ''}`
  }
  get disturbed(): boolean {
    return this.builds
  }
  private sample(): void {
    this.maxLoad = Math.max(this.maxLoad, os.loadavg()[0])
    if (!this.builds && taroBuildRunning()) this.builds = true
  }
}

/** A local stack (database + gateway in this process) on its own temporary data dir, removed on stop. */
export async function freshStack(opts: Omit<LocalStackOptions, 'dataDir'> & { label: string }): Promise<{ stack: LocalStack; dataDir: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tuanka-bench-${opts.label}-`))
  const { label: _label, ...rest } = opts
  const stack = await startLocalStack({ quiet: true, ...rest, dataDir })
  return {
    stack,
    dataDir,
    async stop() {
      await stack.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface Reply {
  status: number
  ms: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

/**
 * One call through the gateway, timed from send to the parsed reply. Never throws: a refusal is a reply, and a call
 * that got no answer at all (connection reset under load) is `status 0` with code `NETWORK`.
 */
export async function invoke(apiUrl: string, fn: string, action: string, input: unknown, openid: string | null): Promise<Reply> {
  const t0 = performance.now()
  try {
    const res = await fetch(`${apiUrl}/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-tuanka-openid': openid } : {}) },
      body: JSON.stringify({ action, input }),
    })
    const body = await res.json()
    return { status: res.status, ms: performance.now() - t0, body }
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message
    return { status: 0, ms: performance.now() - t0, body: { ok: false, code: 'NETWORK', message: cause } }
  }
}

/**
 * As the app does: a call that got no answer is sent again, same input (same idempotency key), up to `retries` times.
 * The time is the user's: from the first send to the last reply.
 */
export async function invokeRetrying(apiUrl: string, fn: string, action: string, input: unknown, openid: string | null, retries = 3): Promise<Reply & { retries: number }> {
  const t0 = performance.now()
  let r = await invoke(apiUrl, fn, action, input, openid)
  let n = 0
  while (r.status === 0 && n < retries) {
    n++
    r = await invoke(apiUrl, fn, action, input, openid)
  }
  return { ...r, ms: performance.now() - t0, retries: n }
}

/** Waits until the database has had no request for `quietMs` (calls still running after their client gave up). */
export async function settle(requests: () => number, quietMs = 1000, maxMs = 20_000): Promise<void> {
  const until = Date.now() + maxMs
  let last = requests()
  let since = Date.now()
  while (Date.now() < until && Date.now() - since < quietMs) {
    await sleep(100)
    const now = requests()
    if (now !== last) {
      last = now
      since = Date.now()
    }
  }
}

/**
 * Counts what the functions log as unexpected failures (`[fn.action] requestId Error...`, answered INTERNAL) while
 * `f` runs, instead of letting hundreds of stack traces through; the table reports the count and the first cause.
 */
export async function countingFunctionErrors<T>(f: () => Promise<T>): Promise<{ result: T; errors: number; first: string }> {
  const original = console.error
  let errors = 0
  let first = ''
  console.error = (...a: unknown[]) => {
    if (typeof a[0] === 'string' && /^\[[a-z]+\.[A-Za-z]+\]/.test(a[0])) {
      errors++
      if (!first) first = `${a[0].split(' ')[0]} ${a[1] instanceof Error ? `${(a[1] as Error & { code?: string }).code ?? ''} ${(a[1] as Error).message}`.trim() : String(a[1] ?? '')}`
      return
    }
    original(...a)
  }
  try {
    return { result: await f(), errors, first }
  } finally {
    console.error = original
  }
}

/** A call that must succeed (set-up steps): the reply's data, or an error naming the refusal. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function ok(apiUrl: string, fn: string, action: string, input: unknown, openid: string | null): Promise<any> {
  const r = await invoke(apiUrl, fn, action, input, openid)
  if (!r.body?.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.status} ${r.body?.code ?? ''} ${r.body?.message ?? ''}`)
  return r.body.data
}

/** Pays an order the way the buyer does locally: prepay, then the simulated sheet's confirm (fires the notify). */
export async function pay(apiUrl: string, buyer: string, orderId: string): Promise<void> {
  const pre = await ok(apiUrl, 'payments', 'prepay', { orderId }, buyer)
  const res = await fetch(`${apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pre.package }) })
  const body = (await res.json()) as { ok?: boolean; code?: string }
  if (!body.ok) throw new Error(`local pay of ${orderId}: ${res.status} ${body.code ?? ''}`)
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export const DAY = 24 * 3600 * 1000
