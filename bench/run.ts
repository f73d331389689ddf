import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { burstRows } from './burst'
import { coldStartRows } from './cold-start'
import { pageLoadRows } from './page-load'
import { promoterCentreRows, promoterScale } from './promoter-centre'
import { roundTripRows } from './roundtrips'
import { ensureBuilt, sizeRows } from './sizes'
import { Noise, ROOT, type Row } from './support'
import { verifyRows } from './verify'
import { weappPaintRows } from './weapp-paint'

/**
 * `npm run bench`: what users feel, as one markdown table (goal and verdict per row, ratios beside absolute
 * numbers), with a line under every missed goal saying what limits it. Measures; never asserts.
 *
 *   npm run bench                      everything (promoter centre at 100,000 orders)
 *   BENCH_SCALE=small npm run bench    promoter centre at 10,000 orders
 *   npm run bench -- --build           rebuild dist/weapp and dist/h5 first (production)
 *   npm run bench -- --only=burst,verify   some measurements (sizes, lcp, weapp, cold, trips, burst, verify, centre)
 *   npm run bench -- --readme          also write the table into README.md's Performance section
 */
const args = process.argv.slice(2)
const has = (flag: string) => args.includes(flag)
const only = (args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? []).filter(Boolean)
const log = (l: string) => process.stderr.write(`${l}\n`)

interface Measurement {
  key: string
  title: string
  run: () => Promise<Row[]>
}

const MEASUREMENTS: Measurement[] = [
  { key: 'sizes', title: 'package sizes', run: sizeRows },
  { key: 'lcp', title: 'deal page load', run: pageLoadRows },
  { key: 'weapp', title: 'weapp deal page first paint', run: weappPaintRows },
  { key: 'cold', title: 'function cold load', run: () => coldStartRows(log) },
  { key: 'trips', title: 'database round trips', run: roundTripRows },
  { key: 'burst', title: 'checkout burst', run: burstRows },
  { key: 'verify', title: 'verification under 50 staff', run: verifyRows },
  { key: 'centre', title: 'promoter centre at scale', run: () => promoterCentreRows(log) },
]

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function gitCommit(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const sha = git('rev-parse', '--short', 'HEAD')
    const dirty = git('status', '--porcelain', '--untracked-files=no').length > 0
    return dirty ? `${sha} + uncommitted changes` : sha
  } catch {
    return 'unknown'
  }
}

export function renderReport(rows: Row[], meta: { command: string; date: string; commit: string; seconds: number; buildSeconds: number; noise: string[] }): string {
  const out: string[] = []
  out.push('| measurement | result | ratio | goal | verdict |')
  out.push('|---|---|---|---|---|')
  for (const r of rows) out.push(`| ${cell(r.measure)} | ${cell(r.result)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${r.verdict === 'ok' ? 'ok' : `**${r.verdict}**`} |`)
  // One line per distinct reason: rows that miss for the same reason (the seven function bundles) share it.
  const reasons = new Map<string, string[]>()
  for (const r of rows) {
    if (r.verdict !== 'MISSED' && r.verdict !== 'ERROR') continue
    const why = r.limit ?? '(not analysed)'
    reasons.set(why, [...(reasons.get(why) ?? []), r.measure])
  }
  if (reasons.size) {
    out.push('')
    out.push('What limits each missed goal:')
    out.push('')
    for (const [why, measures] of reasons) out.push(`- ${measures.join('; ')}: ${why}`)
  }
  out.push('')
  out.push(
    `\`${meta.command}\` on ${meta.date}, commit ${meta.commit}; ${os.cpus().length} cores, Node ${process.versions.node}; ` +
      `took ${Math.floor(meta.seconds / 60)} min ${Math.round(meta.seconds % 60)} s${meta.buildSeconds >= 1 ? ` (${Math.round(meta.buildSeconds)} s of it building dist/)` : ''}. ` +
      `Noise: ${meta.noise.join('; ')}.`,
  )
  return out.join('\n')
}

const INTRO =
  '`npm run bench` measures what users feel (bench/, one file per measurement) and prints the table below; it never asserts ' +
  'and is not part of `npm test`. `BENCH_SCALE=small` runs the promoter centre at 10,000 orders instead of 100,000; ' +
  '`-- --build` rebuilds dist/ first; `-- --only=sizes,lcp,weapp,cold,trips,burst,verify,centre` picks measurements; `-- --readme` ' +
  'rewrites the block below. The machine is shared (2 cores, other builds running): absolute numbers are noisy, the ratios ' +
  'beside them are measured in the same run.'

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

/** Replaces the table between the markers in README.md's Performance section (adds the section at the end if missing). */
function writeReadme(report: string): void {
  const file = path.join(ROOT, 'README.md')
  const readme = readFileSync(file, 'utf8')
  const block = `${START}\n${report}\n${END}`
  const a = readme.indexOf(START)
  const b = readme.indexOf(END)
  const next =
    a >= 0 && b > a
      ? readme.slice(0, a) + block + readme.slice(b + END.length)
      : `${readme.replace(/\s*$/, '')}\n\n## Performance\n\n${INTRO}\n\n${block}\n`
  writeFileSync(file, next)
}

async function main(): Promise<void> {
  process.env.SILENCE ||= 'true' // no slow-request chatter from the SDK
  // The SDK's keep-alive sockets collect 'connect' listeners when 1,000 requests are in flight: noise, not ours.
  process.removeAllListeners('warning')
  process.on('warning', (w) => {
    if (w.name !== 'MaxListenersExceededWarning') console.warn(w)
  })
  const started = Date.now()
  const chosen = MEASUREMENTS.filter((m) => only.length === 0 || only.includes(m.key))
  if (only.some((k) => !MEASUREMENTS.some((m) => m.key === k))) throw new Error(`--only takes ${MEASUREMENTS.map((m) => m.key).join(',')}`)
  log(`bench: ${chosen.map((m) => m.key).join(', ')}${chosen.some((m) => m.key === 'centre') ? ` (promoter centre at ${promoterScale().toLocaleString('en-US')} orders)` : ''}`)
  const rows: Row[] = []
  const noise: string[] = []
  // The sizes read dist/weapp and dist/h5, the page load serves dist/h5: build what is missing (or everything with --build).
  const keys = new Set(chosen.map((m) => m.key))
  const builds = [...(keys.has('sizes') || keys.has('weapp') ? ['weapp' as const] : []), ...(keys.has('sizes') || keys.has('lcp') ? ['h5' as const] : [])]
  const buildStart = Date.now()
  for (const type of builds) {
    try {
      await ensureBuilt(type, has('--build'), log)
    } catch (e) {
      // The table says so; the measurements below then read whatever dist/ holds (possibly an older build).
      rows.push({ measure: `production build of dist/${type}`, result: 'failed', ratio: '', goal: '', verdict: 'ERROR', limit: (e as Error).message.split('\n').slice(0, 3).join(' ') })
    }
  }
  const buildSeconds = (Date.now() - buildStart) / 1000
  for (const m of chosen) {
    const t0 = Date.now()
    log(`- ${m.title}...`)
    const n = new Noise()
    n.start()
    try {
      rows.push(...(await m.run()))
    } catch (e) {
      rows.push({ measure: m.title, result: 'failed', ratio: '', goal: '', verdict: 'ERROR', limit: (e as Error).message.split('\n').slice(0, 3).join(' ') })
    }
    const note = n.stop()
    noise.push(`${m.key} ${note}`)
    log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s (${note})`)
  }
  const seconds = (Date.now() - started) / 1000
  const command = ['npm run bench', ...(args.length ? ['--', ...args] : [])].join(' ')
  const report = renderReport(rows, {
    command: `${process.env.BENCH_SCALE ? `BENCH_SCALE=${process.env.BENCH_SCALE} ` : ''}${command}`,
    date: new Date().toISOString().slice(0, 10),
    commit: gitCommit(),
    seconds,
    buildSeconds,
    noise,
  })
  process.stdout.write(`${report}\n`)
  if (has('--readme')) {
    writeReadme(report)
    log('README.md Performance section updated')
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
