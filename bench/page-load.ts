import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { dealCardPath } from '../src/features/deals/model/dealParams'
import { launchChromium, PHONE } from './browser'
import { freshStack, invoke, median, ms, ROOT, times, verdict, type Row } from './support'

/** A slow phone on a poor mobile network: 4× CPU slowdown, 400 ms round trip, 1.6 Mbps down, 750 kbps up. */
export const SLOW = { cpuRate: 4, latencyMs: 400, downBps: 1.6e6, upBps: 750e3 }
const LCP_GOAL_MS = 1200
const RUNS = 5
/** The observation window ends this long after the last LCP candidate and the last long task (and ≥ 5 s after first paint). */
const QUIET_MS = 1500

const DEAL_ID = 'deal_tea_for_two'
const DEAL_TITLE = '双人下午茶套餐'
/** The link a shared card opens carries what the card shows (dealCardPath); a plain link only the deal's id. */
type Link = 'card' | 'plain'

/** Installed before any page script: records LCP candidates, long tasks and paints as they happen. */
const OBSERVERS = `
  window.__bench = { lcp: [], long: [], fp: null, fcp: null, ready: null };
  const b = window.__bench;
  // The deal's own data on screen: the buy bar renders only once the deal has arrived (not from the card's words).
  new MutationObserver(() => { if (b.ready === null && document.querySelector('.buy-bar')) b.ready = performance.now() }).observe(document, { childList: true, subtree: true });
  const watch = (type, f) => { try { new PerformanceObserver((l) => l.getEntries().forEach(f)).observe({ type, buffered: true }) } catch (e) {} };
  watch('largest-contentful-paint', (e) => b.lcp.push({ t: e.startTime, size: e.size, url: e.url || '', el: e.element ? e.element.tagName.toLowerCase() + (e.element.className && typeof e.element.className === 'string' ? '.' + e.element.className.trim().split(/\\s+/)[0] : '') : '' }));
  watch('longtask', (e) => b.long.push({ s: e.startTime, d: e.duration }));
  watch('paint', (e) => { if (e.name === 'first-paint') b.fp = e.startTime; if (e.name === 'first-contentful-paint') b.fcp = e.startTime; });
`

interface Sample {
  lcp: number
  tbt: number
  /** Long tasks counted in TBT, and the longest of them. */
  longTasks: number
  longest: number
  longestAt: number
  fcp: number
  /** When the deal's own data was on screen (its buy bar). */
  ready: number
  lcpElement: string
  /** responseEnd of: the document, the scripts index.html names, the other scripts before LCP (route chunks), the first function call, the LCP image (ms since navigation start). */
  doc: number
  entry: number
  scripts: number
  /** Paths of the scripts loaded before the deal's data was on screen, and their bytes as served. */
  scriptPaths: string[]
  scriptBytes: number
  api: number
  /** Path of that first function call, e.g. /fn/deals. */
  apiPath: string
  apiCalls: number
  image: number
  /** When the LCP image was asked for (requestStart side: the resource's startTime). */
  imageStart: number
}

interface PerfDump {
  now: number
  lcp: { t: number; size: number; url: string; el: string }[]
  long: { s: number; d: number }[]
  fp: number | null
  fcp: number | null
  ready: number | null
  resources: { name: string; type: string; start: number; end: number; size: number }[]
  docEnd: number
}

/** The scripts index.html itself names (the rest are chunks loaded by the route). */
function entryScripts(): Set<string> {
  const html = readFileSync(path.join(ROOT, 'dist/h5/index.html'), 'utf8')
  return new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))
}

async function oneRun(browser: Awaited<ReturnType<typeof launchChromium>>, apiUrl: string, route: string): Promise<Sample> {
  const context = await browser.newContext(PHONE) // fresh cache every run: a first visit
  try {
    const page = await context.newPage()
    await page.addInitScript(OBSERVERS)
    // Settle on the origin first, then throttle, so the emulation is attached to the renderer that loads the page.
    await page.goto(`${apiUrl}/healthz`)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW.latencyMs, downloadThroughput: SLOW.downBps / 8, uploadThroughput: SLOW.upBps / 8 })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpuRate })
    await page.goto(`${apiUrl}/#${route}`, { waitUntil: 'commit' })
    await page.getByText(DEAL_TITLE, { exact: false }).first().waitFor({ timeout: 60_000 })
    const dump = (): Promise<PerfDump> =>
      page.evaluate(() => {
        const b = (window as unknown as { __bench: Omit<PerfDump, 'now' | 'resources' | 'docEnd'> }).__bench
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
        const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
          name: r.name, type: r.initiatorType, start: r.startTime, end: r.responseEnd, size: r.encodedBodySize,
        }))
        return { now: performance.now(), lcp: b.lcp, long: b.long, fp: b.fp, fcp: b.fcp, ready: b.ready, resources, docEnd: nav?.responseEnd ?? 0 }
      })
    let d = await dump()
    const deadline = Date.now() + 30_000
    for (;;) {
      const first = d.fp ?? d.fcp ?? 0
      const lastLcp = d.lcp.length ? d.lcp[d.lcp.length - 1].t : Infinity
      const lastLong = d.long.reduce((a, t) => Math.max(a, t.s + t.d), 0)
      if (d.lcp.length && d.ready !== null && d.now >= first + 5000 && d.now >= lastLcp + QUIET_MS && d.now >= lastLong + QUIET_MS) break
      if (Date.now() > deadline) break
      await page.waitForTimeout(250)
      d = await dump()
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    const first = d.fp ?? d.fcp ?? 0
    // Total blocking time: the part of every long task beyond 50 ms, counted from first paint on.
    const tbt = d.long.reduce((sum, t) => {
      const start = Math.max(t.s, first)
      const dur = t.s + t.d - start
      return sum + Math.max(0, dur - 50)
    }, 0)
    const counted = d.long.filter((t) => t.s + t.d - Math.max(t.s, first) > 50)
    const lcp = d.lcp[d.lcp.length - 1]
    const ready = d.ready ?? NaN
    const own = d.resources.filter((r) => r.name.startsWith(apiUrl))
    // Scripts as executed or as preloaded by index.html (initiator link): the route's chunks are either.
    const scripts = own.filter((r) => (r.type === 'script' || new URL(r.name).pathname.endsWith('.js')) && r.end <= (Number.isFinite(ready) ? ready : lcp.t))
    const entry = entryScripts()
    const api = own.filter((r) => r.name.includes('/fn/'))
    const img = lcp.url ? own.find((r) => r.name === lcp.url) : undefined
    return {
      lcp: lcp.t,
      tbt,
      longTasks: counted.length,
      longest: counted.reduce((a, t) => Math.max(a, t.d), 0),
      longestAt: counted.reduce((a, t) => (t.d > a.d ? t : a), { s: NaN, d: 0 }).s,
      fcp: d.fcp ?? NaN,
      ready,
      lcpElement: lcp.url ? `${lcp.el} ${path.basename(new URL(lcp.url).pathname)}` : lcp.el,
      doc: d.docEnd,
      entry: scripts.filter((r) => entry.has(new URL(r.name).pathname)).reduce((a, r) => Math.max(a, r.end), 0),
      scripts: scripts.reduce((a, r) => Math.max(a, r.end), 0),
      scriptPaths: scripts.map((r) => new URL(r.name).pathname),
      scriptBytes: scripts.reduce((a, r) => a + r.size, 0),
      api: api.length ? Math.min(...api.map((r) => r.end)) : NaN,
      apiPath: api.length ? new URL(api.reduce((a, r) => (r.end < a.end ? r : a)).name).pathname : '(none)',
      apiCalls: api.filter((r) => r.end <= (Number.isFinite(ready) ? ready : lcp.t)).length,
      image: img?.end ?? NaN,
      imageStart: img?.start ?? NaN,
    }
  } finally {
    await context.close()
  }
}

/**
 * The deal page as a first-time visitor on a slow phone and network sees it, median of 5 runs each: opened from a
 * shared card (its link carries the card's title, price and cover) and from a plain link (the deal's id only).
 */
export async function measurePageLoad(runs = RUNS): Promise<Record<Link, Sample[]>> {
  const env = await freshStack({ label: 'lcp', seed: true, h5Dir: path.join(ROOT, 'dist/h5') })
  const browser = await launchChromium()
  try {
    const apiUrl = env.stack.apiUrl
    const deal = (await invoke(apiUrl, 'deals', 'get', { id: DEAL_ID }, null)).body.data as { id: string; title: string; priceFen: number; images: string[]; cover: string }
    const routes: Record<Link, string> = { card: dealCardPath({ ...deal, cover: deal.images[0] ?? deal.cover }), plain: `/pages/deal/index?id=${DEAL_ID}` }
    await oneRun(browser, apiUrl, routes.card) // warm-up: server-side module caches, compressed files, JIT; not counted
    const out: Record<Link, Sample[]> = { card: [], plain: [] }
    for (let i = 0; i < runs; i++) for (const link of ['card', 'plain'] as const) out[link].push(await oneRun(browser, apiUrl, routes[link]))
    return out
  } finally {
    await browser.close()
    await env.stop()
  }
}

export async function pageLoadRows(): Promise<Row[]> {
  const both = await measurePageLoad()
  const s = both.card
  const m = (f: (x: Sample) => number, of = s) => median(of.map(f))
  const lcp = m((x) => x.lcp)
  const tbt = m((x) => x.tbt)
  const plain = m((x) => x.lcp, both.plain)
  const elements = (of: Sample[]) => [...new Set(of.map((x) => x.lcpElement))].join(' / ')
  const profile = `${SLOW.cpuRate}× CPU, ${SLOW.latencyMs} ms RTT, ${SLOW.downBps / 1e6} Mbps`
  const paths = [...new Set(s.flatMap((x) => x.scriptPaths))]
  const served = m((x) => x.scriptBytes)
  const raw = paths.reduce((a, p) => a + statSync(path.join(ROOT, 'dist/h5', p)).size, 0)
  const entryCount = [...entryScripts()].length
  // What happens, in the order it happens, and what waits for what (medians of the card runs).
  const chain = (of: Sample[]) =>
    `document ${ms(m((x) => x.doc, of))}; FCP ${ms(m((x) => x.fcp, of))}; LCP ${ms(m((x) => x.lcp, of))} (${elements(of)}${of.some((x) => Number.isFinite(x.image)) ? `, image in at ${ms(m((x) => x.image, of))}` : ''}); ` +
    `first /fn reply (${[...new Set(of.map((x) => x.apiPath))].join(', ')}) ${ms(m((x) => x.api, of))}, ${m((x) => x.apiCalls, of)} call(s) before the deal is on screen; ` +
    `index.html's ${entryCount} scripts in at ${ms(m((x) => x.entry, of))} → route chunks in at ${ms(m((x) => x.scripts, of))} → the deal's data on screen ${ms(m((x) => x.ready, of))}`
  // The measured floor: the cover cannot be asked before what names it has arrived, and needs its own round trip;
  // what LCP adds after the cover is in is the browser decoding and painting it (an SVG is parsed on the main thread).
  const floor = (of: Sample[], named: string) =>
    `Measured floor: the cover is asked at ${ms(m((x) => x.imageStart, of))}, once ${named}, and is in at ${ms(m((x) => x.image, of))} ` +
    `(its own round trip); LCP comes ${ms(m((x) => x.lcp - x.image, of))} later (decoding and painting it on the 4× slower CPU)`
  const scriptsNote = `${paths.length} scripts before the deal is on screen, ${Math.round(served / 1024)} KB as served (brotli) of ${Math.round(raw / 1024)} KB`
  return [
    {
      measure: `Deal page LCP, opened from a shared card (${profile}, median of ${s.length})`,
      result: `${ms(lcp)} (runs ${s.map((x) => ms(x.lcp)).join(', ')})`,
      ratio: `${times(lcp / LCP_GOAL_MS)} goal`,
      goal: `≤ ${ms(LCP_GOAL_MS)}`,
      verdict: verdict(lcp <= LCP_GOAL_MS),
      limit:
        `the card's cover, price and title paint from the link (index.html) once the document and the cover are in: two ${SLOW.latencyMs} ms round trips at least. ` +
        `${floor(s, 'the document is parsed')}. Medians: ${chain(s)}; ${scriptsNote}`,
    },
    {
      measure: `Deal page: the deal's own data on screen, shared card (same runs)`,
      result: `${ms(m((x) => x.ready))} (runs ${s.map((x) => ms(x.ready)).join(', ')})`,
      ratio: `${times(m((x) => x.ready) / LCP_GOAL_MS)} the LCP goal`,
      goal: '—',
      verdict: 'info',
      limit: `${chain(s)}; ${scriptsNote}`,
    },
    {
      measure: `Deal page LCP, plain link without the card (same profile, median of ${both.plain.length})`,
      result: `${ms(plain)} (runs ${both.plain.map((x) => ms(x.lcp)).join(', ')})`,
      ratio: `${times(plain / LCP_GOAL_MS)} goal`,
      goal: `≤ ${ms(LCP_GOAL_MS)}`,
      verdict: verdict(plain <= LCP_GOAL_MS),
      limit:
        `index.html asks deals.page at once and paints the deal's cover, price and title from its reply (document → reply → cover): three ${SLOW.latencyMs} ms round trips at least. ` +
        `${floor(both.plain, `the deals.page reply names it (reply in at ${ms(m((x) => x.api, both.plain))})`)}. Medians: ${chain(both.plain)}`,
    },
    {
      measure: `Deal page total blocking time (same runs)`,
      result: `${ms(tbt)} (runs ${s.map((x) => ms(x.tbt)).join(', ')})`,
      ratio: `${times(tbt / 200)} of 200 ms`,
      goal: '≤ 200 ms',
      verdict: verdict(tbt <= 200),
      limit:
        `${m((x) => x.longTasks)} long tasks after first paint (medians), the longest ${ms(m((x) => x.longest))} starting at ${ms(m((x) => x.longestAt))} ` +
        `(route chunks in at ${ms(m((x) => x.scripts))}, first function reply at ${ms(m((x) => x.api))}): script evaluation and rendering on a ${SLOW.cpuRate}× slower CPU. ` +
        `Already split: the app's start runs one task per module the entry imports (config/yielding-startup.ts); the deal view renders as a transition, the part below the first screen in two later renders; ` +
        `what remains are single tasks: the entry creating the app and its router, the route's first render and its commit, ` +
        `Taro's h5 components (Stencil web components) rendering the new elements again in animation-frame tasks, and the browser's layout of the page. ` +
        `Taro's React components instead (h5.useHtmlComponents) measured 168 ms here (2026-12-03, before the two-step reveal) but change every h5 page's DOM (an input's class lands on the <input> itself): not adopted`,
    },
  ]
}
