import { startBrowserEnv, openPage, type BrowserEnv } from './support'

// The h5 app follows the local clock: the page's Date starts at the moved "now", and a later move reaches an open
// page with the next function reply (POST /local/clock, local only).
let env: BrowserEnv
beforeAll(async () => {
  env = await startBrowserEnv()
}, 60_000)
afterAll(async () => {
  await clock({ reset: true })
  await env.stop()
})

async function clock(body: unknown) {
  const res = await fetch(`${env.stack.apiUrl}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await res.json()) as { ok: boolean; data: { nowMs: number; offsetMs: number } }
}

const DAY = 86_400_000

it('the page sees the moved clock on load and follows a later move after its next call', async () => {
  const moved = await clock({ now: '2028-02-29T12:00:00+08:00' })
  expect(moved.ok).toBe(true)
  const firstCall = env.page.waitForResponse((r) => r.url().includes('/fn/'))
  await openPage(env.page, env.stack.apiUrl, '/pages/index/index')
  await firstCall
  const pageNow = await env.page.evaluate(() => Date.now())
  expect(Math.abs(pageNow - Date.parse('2028-02-29T04:00:00Z'))).toBeLessThan(60_000)
  expect(await env.page.evaluate(() => new Date() instanceof Date && new Date(0).getTime() === 0)).toBe(true)

  const later = await clock({ advanceMs: DAY })
  // Any function reply carries the offset: the page calls one itself.
  await env.page.evaluate(() => fetch('/fn/deals', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'list', input: {} }) }).then((r) => r.status))
  const followed = await env.page.evaluate(() => Date.now())
  expect(Math.abs(followed - later.data.nowMs)).toBeLessThan(60_000)
})
