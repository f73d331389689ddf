import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchChromium, PHONE } from './browser'
import { freshStack, kb, ownPids, pct, ROOT, verdict, waitForTaroBuilds, type Row } from './support'

const KB = 1024
const WEAPP_MAIN_BUDGET = 450 * KB
const WEAPP_SUB_BUDGET = 300 * KB
const WEAPP_LIMIT = 2 * 1024 * KB
/** Our own budget for the h5 app's first JavaScript (gzipped): a common mobile budget, about 170 KB. */
const H5_JS_BUDGET = 170 * KB

/**
 * Builds dist/<type> with a production Taro build when it is missing or `force` (`npm run bench -- --build`).
 * Other engineers run Taro builds on these 2 cores: wait for theirs to end first.
 */
export async function ensureBuilt(type: 'weapp' | 'h5', force: boolean, log: (l: string) => void): Promise<void> {
  const marker = path.join(ROOT, 'dist', type, type === 'weapp' ? 'app.json' : 'index.html')
  if (existsSync(marker) && !force) return
  await waitForTaroBuilds(log)
  log(`  building dist/${type} (production)...`)
  const t0 = Date.now()
  const out: Buffer[] = []
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', type], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    if (child.pid) ownPids.add(child.pid)
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => out.push(c))
    child.on('error', reject)
    child.on('close', resolve)
  })
  if (code !== 0 || !existsSync(marker)) throw new Error(`taro build --type ${type} failed (exit ${code}):\n${Buffer.concat(out).toString('utf8').slice(-2000)}`)
  log(`  built dist/${type} in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

function dirBytes(dir: string): number {
  let total = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size
  }
  return total
}

/** Main package = every file of dist/weapp outside the sub-package roots named in app.json. */
export function weappSizes(): { main: number; subs: { root: string; bytes: number }[] } {
  const dir = path.join(ROOT, 'dist/weapp')
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''))
  const subs = roots.map((root) => ({ root, bytes: existsSync(path.join(dir, root)) ? dirBytes(path.join(dir, root)) : 0 }))
  return { main: dirBytes(dir) - subs.reduce((a, s) => a + s.bytes, 0), subs }
}

function weappRows(): Row[] {
  const { main, subs } = weappSizes()
  const row = (name: string, bytes: number, budget: number): Row => ({
    measure: `weapp ${name}`,
    result: kb(bytes),
    ratio: `${pct(bytes / budget)} of budget, ${pct(bytes / WEAPP_LIMIT)} of 2 MB`,
    goal: `≤ ${budget / KB} KB`,
    verdict: verdict(bytes <= budget),
    limit: name === 'main package' ? 'Taro 4 + React 18 runtime (taro.js, vendors, base.wxml) before any product code; pages in the main package' : 'pages and components only this sub-package uses',
  })
  return [row('main package', main, WEAPP_MAIN_BUDGET), ...subs.map((s) => row(`sub-package ${s.root}/`, s.bytes, WEAPP_SUB_BUDGET))]
}

/**
 * The JavaScript a first visit to the h5 home page downloads: the scripts index.html references plus the chunks
 * the home route loads, as the browser actually requests them (headless Chromium against the served build),
 * each gzipped (level 6, as a CDN would serve it).
 */
export async function h5InitialJs(): Promise<{ files: { name: string; raw: number; gz: number }[] }> {
  const h5Dir = path.join(ROOT, 'dist/h5')
  const env = await freshStack({ label: 'h5size', seed: true, seedHistory: false, h5Dir })
  const browser = await launchChromium()
  try {
    const page = await (await browser.newContext(PHONE)).newPage()
    const scripts = new Set<string>()
    page.on('request', (r) => {
      const u = new URL(r.url())
      if (u.origin === env.stack.apiUrl && r.resourceType() === 'script') scripts.add(u.pathname)
    })
    await page.goto(`${env.stack.apiUrl}/`)
    await page.getByText('双人下午茶套餐', { exact: false }).first().waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    const files = [...scripts].map((p) => {
      const buf = readFileSync(path.join(h5Dir, p))
      return { name: p.replace(/^\/js\//, ''), raw: buf.length, gz: gzipSync(buf, { level: 6 }).length }
    })
    return { files: files.sort((a, b) => b.gz - a.gz) }
  } finally {
    await browser.close()
    await env.stop()
  }
}

/** Reads dist/weapp and dist/h5 as they are: run.ts builds them first when missing or asked to (`--build`). */
export async function sizeRows(): Promise<Row[]> {
  const rows = weappRows()
  const { files } = await h5InitialJs()
  const gz = files.reduce((a, f) => a + f.gz, 0)
  const raw = files.reduce((a, f) => a + f.raw, 0)
  rows.push({
    measure: 'h5 initial JS, home route (gzip)',
    result: `${kb(gz)} (${files.length} files, ${kb(raw)} raw)`,
    ratio: `${pct(gz / H5_JS_BUDGET)} of budget`,
    goal: `≤ ${H5_JS_BUDGET / KB} KB gz`,
    verdict: verdict(gz <= H5_JS_BUDGET),
    limit: `largest: ${files.slice(0, 3).map((f) => `${f.name} ${kb(f.gz)}`).join(', ')}`,
  })
  return rows
}
