import { promises as fs } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { browserClockScript, clockOffset, installClock, parseInstant, setClockOffset } from '../clock'
import { fireTimer, TIMER_NAMES } from '../timers/scheduler'

export { TIMER_NAMES }
import type { CloudFunctionMain } from './functions'

/**
 * Time from outside, for the local runtime only: `POST /local/timers/<name>` fires a timer trigger now and answers
 * what it did; `GET|POST /local/clock` reads or moves "now" for the functions, the timers and the h5 app together.
 * Production has neither: TCB fires timers on its schedule and its clock is the clock.
 */

/** Ten years either way: far enough for any expiry or deadline, near enough that a typo is refused. */
const MAX_OFFSET_MS = 10 * 366 * 24 * 3_600_000

type Reply = { status: number; body: unknown }
const refuse = (status: number, code: string, message: string): Reply => ({ status, body: { ok: false, code, message } })

export function clockState(): { now: string; nowMs: number; offsetMs: number } {
  const nowMs = Date.now()
  return { now: new Date(nowMs).toISOString(), nowMs, offsetMs: clockOffset() }
}

/** Body: `{ "now": "<ISO 8601 with offset>" }`, `{ "advanceMs": n }`, `{ "offsetMs": n }` or `{ "reset": true }` (exactly one). */
export function moveClock(body: unknown): Reply {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(400, 'INVALID_INPUT', '请求体应为对象：{ now } / { advanceMs } / { offsetMs } / { reset: true } 之一')
  const b = body as Record<string, unknown>
  const keys = Object.keys(b)
  if (keys.length !== 1 || !['now', 'advanceMs', 'offsetMs', 'reset'].includes(keys[0])) {
    return refuse(400, 'INVALID_INPUT', '只能给出 now、advanceMs、offsetMs、reset 中的一项')
  }
  installClock()
  const real = Date.now() - clockOffset()
  let offset: number
  if (keys[0] === 'reset') {
    if (b.reset !== true) return refuse(400, 'INVALID_INPUT', 'reset 只能为 true')
    offset = 0
  } else if (keys[0] === 'now') {
    const at = typeof b.now === 'string' ? parseInstant(b.now) : null
    if (at === null) return refuse(400, 'INVALID_INPUT', 'now 应为带时区的 ISO 8601 时间，例如 2026-12-31T23:59:30+08:00')
    offset = at - real
  } else {
    const n = b[keys[0]]
    if (typeof n !== 'number' || !Number.isInteger(n)) return refuse(400, 'INVALID_INPUT', `${keys[0]} 应为整数毫秒`)
    offset = keys[0] === 'advanceMs' ? clockOffset() + n : n
  }
  if (Math.abs(offset) > MAX_OFFSET_MS) return refuse(400, 'CLOCK_OUT_OF_RANGE', '本地时钟最多与本机时间相差十年')
  setClockOffset(offset)
  return { status: 200, body: { ok: true, data: clockState() } }
}

/** Fires one timer the way TCB's trigger does and answers its own result (counts of what it did). */
export async function fireTimerNow(timers: CloudFunctionMain, name: string): Promise<Reply> {
  if (!(TIMER_NAMES as readonly string[]).includes(name)) {
    return refuse(404, 'UNKNOWN_TIMER', `没有名为 ${name} 的定时任务；可用：${TIMER_NAMES.join('、')}`)
  }
  const firedAt = new Date().toISOString()
  const r = (await fireTimer(timers, name)) as { ok: boolean; data?: unknown; code?: string; message?: string }
  if (!r.ok) return { status: 500, body: r }
  return { status: 200, body: { ok: true, data: { timer: name, firedAt, result: r.data } } }
}

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? ''
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1'
}

/** index.html with the clock script first in <head>, so the app's own scripts already see the local "now". */
export async function serveIndexWithClock(res: ServerResponse, h5Dir: string): Promise<boolean> {
  let html: string
  try {
    html = await fs.readFile(path.join(h5Dir, 'index.html'), 'utf8')
  } catch {
    return false
  }
  const script = `<script>${browserClockScript(clockOffset())}</script>`
  const out = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => h + script) : script + html
  const body = Buffer.from(out, 'utf8')
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-cache' })
  res.end(body)
  return true
}
