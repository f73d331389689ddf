import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { place } from './support/flows'
import { snapshotDb } from './support/snapshot'
import { startTestStack, type TestStack } from './support/stack'

// Time from outside (local only): POST /local/clock moves "now" for functions, timers and the h5 app together;
// POST /local/timers/<name> fires a timer now and answers what it did.
let t: TestStack
let h5Dir: string
beforeAll(async () => {
  h5Dir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-h5-'))
  writeFileSync(path.join(h5Dir, 'index.html'), '<!DOCTYPE html><html><head><title>团卡</title></head><body></body></html>')
  t = await startTestStack({ h5Dir })
})
afterAll(async () => {
  await post('/local/clock', { reset: true })
  await t.stop()
  rmSync(h5Dir, { recursive: true, force: true })
})

const buyer = openidOf('consumer')
const DAY = 86_400_000

async function post(route: string, body: unknown, raw?: string) {
  const res = await fetch(`${t.stack.apiUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}
async function get(route: string) {
  const res = await fetch(`${t.stack.apiUrl}${route}`)
  return { status: res.status, headers: res.headers, text: await res.text() }
}

describe('/local/clock', () => {
  it('reads and moves now; an unpaid order placed before the move closes when its timer fires after it', async () => {
    const before = JSON.parse((await get('/local/clock')).text).data
    expect(Math.abs(before.nowMs - Date.now())).toBeLessThan(5_000)

    const placed = await place(t, buyer, 'deal_tea_for_two', 1)
    expect(placed.body.ok).toBe(true)
    const orderId = placed.body.data.id as string

    // Nothing is due yet: the timer answers what it did (nothing).
    const idle = await post('/local/timers/closeUnpaid', {})
    expect(idle.status).toBe(200)
    expect(idle.body.data.timer).toBe('closeUnpaid')
    expect(idle.body.data.result.closed).toBe(0)

    const moved = await post('/local/clock', { advanceMs: DAY })
    expect(moved.status).toBe(200)
    expect(moved.body.data.offsetMs - before.offsetMs).toBe(DAY)
    expect(Math.abs(moved.body.data.nowMs - (before.nowMs + DAY))).toBeLessThan(5_000)

    const fired = await post('/local/timers/closeUnpaid', {})
    expect(fired.status).toBe(200)
    expect(fired.body.data.result.closed).toBeGreaterThanOrEqual(1)
    expect(Math.abs(Date.parse(fired.body.data.firedAt) - (before.nowMs + DAY))).toBeLessThan(5_000)
    const o = (await getDb().collection('orders').doc(orderId).get()).data[0]
    expect(o.status).not.toBe('pending_payment')

    // Functions see the moved clock too: a new order is stamped a day later.
    const later = await place(t, buyer, 'deal_tea_for_two', 1)
    const stamped = (await getDb().collection('orders').doc(later.body.data.id).get()).data[0]
    expect(Math.abs(+new Date(stamped.createdAt) - (before.nowMs + DAY))).toBeLessThan(5_000)

    const back = await post('/local/clock', { offsetMs: before.offsetMs })
    expect(back.body.data.offsetMs).toBe(before.offsetMs)
  })

  it('sets an exact instant given with its offset, and the function replies carry the offset for the h5 app', async () => {
    const r = await post('/local/clock', { now: '2028-02-29T12:00:00+08:00' })
    expect(r.status).toBe(200)
    expect(Math.abs(r.body.data.nowMs - Date.parse('2028-02-29T04:00:00Z'))).toBeLessThan(5_000)
    const fn = await fetch(`${t.stack.apiUrl}/fn/deals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'list', input: {} }) })
    expect(Number(fn.headers.get('x-tuanka-clock-offset'))).toBe(r.body.data.offsetMs)
    const page = await get('/')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.text).toContain(`o=${r.body.data.offsetMs};`)
    expect(page.text.indexOf('<script>')).toBeLessThan(page.text.indexOf('<title>'))
    // An h5 route that is not a file gets the same page with the clock.
    expect((await get('/pages/deal/index')).text).toContain(`o=${r.body.data.offsetMs};`)
  })

  it('refuses bad moves with a stable code and leaves the clock where it was', async () => {
    const start = JSON.parse((await get('/local/clock')).text).data.offsetMs
    const bad: [unknown, string][] = [
      [{ now: '2026-12-31 23:59:30' }, 'INVALID_INPUT'], // no zone: never the machine's
      [{ now: '2026-02-30T10:00:00+08:00' }, 'INVALID_INPUT'],
      [{ advanceMs: 1.5 }, 'INVALID_INPUT'],
      [{ advanceMs: '1000' }, 'INVALID_INPUT'],
      [{ advanceMs: 1, offsetMs: 1 }, 'INVALID_INPUT'],
      [{ reset: false }, 'INVALID_INPUT'],
      [{}, 'INVALID_INPUT'],
      [[], 'INVALID_INPUT'],
      [null, 'INVALID_INPUT'],
      [{ advanceMs: 20 * 366 * DAY }, 'CLOCK_OUT_OF_RANGE'],
      [{ now: '1999-01-01T00:00:00Z' }, 'CLOCK_OUT_OF_RANGE'],
    ]
    for (const [body, code] of bad) {
      const r = await post('/local/clock', body)
      expect([r.status, r.body.ok, r.body.code]).toEqual([400, false, code])
      expect(typeof r.body.message).toBe('string')
    }
    expect((await post('/local/clock', null, '{not json')).body.code).toBe('BAD_JSON')
    expect(JSON.parse((await get('/local/clock')).text).data.offsetMs).toBe(start)
  })
})

describe('/local/timers', () => {
  it('lists the timers; an unknown one is 404 UNKNOWN_TIMER and changes nothing; GET on a timer is 405', async () => {
    const list = JSON.parse((await get('/local/timers')).text)
    expect(list.data.timers).toEqual(['closeUnpaid', 'groupDeadline', 'refundExpired', 'retryRefunds', 'remindExpiring', 'reconcileTransfers', 'uploadShipping'])
    const before = await snapshotDb()
    for (const name of ['nope', '__proto__', 'constructor', '..%2Fpayments']) {
      const r = await post(`/local/timers/${name}`, {})
      expect([r.status, r.body.code]).toEqual([404, 'UNKNOWN_TIMER'])
    }
    expect((await get('/local/timers/closeUnpaid')).headers.get('content-type')).toContain('json')
    const res = await fetch(`${t.stack.apiUrl}/local/timers/closeUnpaid`)
    expect(res.status).toBe(405)
    expect(await snapshotDb()).toEqual(before)
  })

  it('fires every timer on demand, each answering its own counts', async () => {
    for (const name of list()) {
      const r = await post(`/local/timers/${name}`, {})
      expect(r.status).toBe(200)
      expect(r.body.ok).toBe(true)
      expect(r.body.data.timer).toBe(name)
      expect(typeof r.body.data.result).toBe('object')
    }
  })
})

const list = () => ['closeUnpaid', 'groupDeadline', 'refundExpired', 'retryRefunds', 'remindExpiring', 'reconcileTransfers', 'uploadShipping']
