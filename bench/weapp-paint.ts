import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { freshStack, invoke, ROOT, type Row } from './support'

/**
 * weapp deal page: how many cloud function calls the page has issued before its first render (the first setData of
 * the page, what the mini-program paints from), opened from a shared card. The compiled mini-program (dist/weapp,
 * production build) runs in miniprogram-simulate with the test harness (tests/weapp/support) against a fresh local
 * stack. The harness installs browser-like globals, so it runs in a child process, not in the bench's own.
 */
const DEAL_ID = 'deal_tea_for_two'

interface Result {
  beforePaint: string[]
  dealCalls: string[]
}

async function child(): Promise<void> {
  const env = await freshStack({ label: 'weapp', seed: true })
  try {
    const { launchMiniProgram } = await import('../tests/weapp/support/mini-program')
    const apiPort = Number(new URL(env.stack.apiUrl).port)
    const deal = (await invoke(env.stack.apiUrl, 'deals', 'get', { id: DEAL_ID }, null)).body.data as { title: string; priceFen: number; images: string[] }
    const mp = launchMiniProgram({ apiPort })
    const page = await mp.openPage('pages/deal/index', { id: DEAL_ID, t: encodeURIComponent(deal.title), p: String(deal.priceFen), c: encodeURIComponent(deal.images[0]) })
    await page.waitForText('购买须知', 30_000)
    const events = mp.timeline.filter((e) => e.kind === 'call' || e.what === 'pages/deal/index')
    const first = events.findIndex((e) => e.kind === 'setData')
    const calls = events.filter((e) => e.kind === 'call').map((e) => e.what)
    const result: Result = {
      beforePaint: events.slice(0, first < 0 ? events.length : first).filter((e) => e.kind === 'call').map((e) => e.what),
      dealCalls: calls.filter((c) => c.startsWith('deals.')),
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await env.stop()
  }
}

export async function weappPaintRows(): Promise<Row[]> {
  const out = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [__filename, '--child'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SILENCE: 'true' }, timeout: 120_000 })
  const line = out.stdout.trim().split('\n').pop() ?? ''
  let r: Result
  try {
    r = JSON.parse(line) as Result
  } catch {
    throw new Error(`weapp-paint child failed: ${(out.stderr || out.stdout).split('\n').slice(-5).join(' ')}`)
  }
  const n = r.beforePaint.length
  return [
    {
      measure: 'weapp deal page: calls before first paint (opened from a shared card)',
      result: `${n}${n ? ` (${r.beforePaint.join(', ')})` : ''}; the page's deal calls in all: ${r.dealCalls.length} (${r.dealCalls.join(', ')})`,
      ratio: '',
      goal: '≥ 1: the page\'s one call starts while it loads, not after its first render',
      verdict: n >= 1 && r.dealCalls.length === 1 ? 'ok' : 'MISSED',
      limit: n >= 1 ? `the page asks ${r.dealCalls.length} times for its deal (${r.dealCalls.join(', ')})` : 'the page issues its call only after its first render (setData)',
    },
  ]
}

if (process.argv.includes('--child')) {
  child().then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
