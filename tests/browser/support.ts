import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startLocalStack, type LocalStack } from '../../local/stack'

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
