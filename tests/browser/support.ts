import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startLocalStack, type LocalStack } from '../../local/stack'
import { callGateway } from '../support/gateway-call'

export const ROOT = path.resolve(__dirname, '../..')
export const ARTIFACTS = path.join(ROOT, 'artifacts/screenshots')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface BrowserEnv {
  stack: LocalStack
  browser: Browser
  page: Page
  consoleErrors: string[]
  stop(): Promise<void>
}

/** The built h5 app served by a fresh local stack (own data dir, demo data), in headless Debian Chromium at phone size. */
export async function startBrowserEnv(): Promise<BrowserEnv> {
  const h5Dir = path.join(ROOT, 'dist/h5')
  if (!existsSync(path.join(h5Dir, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test builds it)')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-browser-'))
  const stack = await startLocalStack({ dataDir, seed: true, quiet: true, h5Dir })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  mkdirSync(ARTIFACTS, { recursive: true })
  return {
    stack,
    browser,
    page,
    consoleErrors,
    async stop() {
      await browser.close()
      await stack.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })

/** Console errors and uncaught page errors with where they came from (the console message's URL, if any). */
export interface PageProblem {
  text: string
  url: string
}

/** Collects every console error / pageerror of the page with its URL, so a test can allow one precise kind. */
export function collectProblems(page: Page): PageProblem[] {
  const problems: PageProblem[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push({ text: m.text(), url: m.location()?.url ?? '' })
  })
  page.on('pageerror', (e) => problems.push({ text: String(e), url: '' }))
  return problems
}

let loads = 0
/** Opens an h5 route with a full page load (a fresh query string), so nothing is left over from the last page. */
export async function openPage(page: Page, apiUrl: string, route: string): Promise<void> {
  await page.goto(`${apiUrl}/?load=${++loads}#${route}`)
}

/** Waits until `text` is visible on the page (substring match unless exact), bounded. */
export async function waitText(page: Page, text: string | RegExp, opts: { timeout?: number; exact?: boolean } = {}): Promise<void> {
  await page.getByText(text, { exact: opts.exact ?? false }).first().waitFor({ state: 'visible', timeout: opts.timeout ?? 20_000 })
}

/** A screenshot per visited page: artifacts/screenshots/journey-<name>.png. */
export const snap = (page: Page, name: string) => shot(page, `journey-${name}`)

/**
 * Switches the local persona the way a user does: 我的 → 切换身份 → tap the persona, then waits until the
 * switcher marks it 当前.
 */
export async function switchPersona(page: Page, apiUrl: string, label: string): Promise<void> {
  await openPage(page, apiUrl, '/pages/me/index')
  await waitText(page, '切换身份（本地演示）', { timeout: 30_000 })
  const isCurrent = (l: string) =>
    [...document.querySelectorAll('.tk-list__row')].some((r) => (r.textContent ?? '').includes(l) && [...r.querySelectorAll('.tk-list__tag')].some((t) => t.textContent === '当前'))
  await page.locator('.tk-list__row', { hasText: label }).first().waitFor({ timeout: 20_000 })
  if (!(await page.evaluate(isCurrent, label))) {
    await page.locator('.tk-list__row', { hasText: label }).first().click()
    await page.waitForFunction(isCurrent, label, { timeout: 20_000 })
  }
}

/** Calls a function through the local gateway as `openid` (for baselines and cross-checks, never for the journey itself). */
export const callFn = <T = any>(apiUrl: string, fn: string, action: string, input: unknown, openid: string | null): Promise<T> =>
  callGateway<T>(apiUrl, fn, action, input, openid)
