import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { FUNCTIONS } from '../cloudfunctions/manifest'
import { kb, median, ms, ROOT, verdict, type Row } from './support'

const RUNS = 7
const GOAL = 0.4

/**
 * What a fresh `node` process spends in `require(target)` (node's own start-up is not counted): CPU time (user +
 * system, all threads) and wall time. Ratios use CPU time: loading is CPU-bound, and CPU time barely moves when other
 * work shares the cores, where wall time on this busy 2-core machine swings by 2×.
 */
function requireTime(target: string): Promise<{ cpu: number; wall: number }> {
  const script =
    `const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(target)});` +
    `const w=Number(process.hrtime.bigint()-t)/1e6,u=process.cpuUsage(c);process.stdout.write(JSON.stringify({cpu:(u.user+u.system)/1e3,wall:w}))`
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } as unknown as NodeJS.ProcessEnv, timeout: 30_000 }, (err, stdout, stderr) => {
      try {
        if (err) throw err
        resolve(JSON.parse(stdout) as { cpu: number; wall: number })
      } catch (e) {
        reject(new Error(`require(${target}) failed: ${(e as Error).message} ${stderr.slice(-500)}`))
      }
    })
  })
}

export interface ColdStart {
  /** CPU ms (medians); `sdkWallMs` and each function's `wall` are the wall-clock medians. */
  sdkMs: number
  sdkWallMs: number
  sdkBundledMs: number
  sdkBundledBytes: number
  /** `@cloudbase/database` alone (the part of the SDK the functions use), bundled the same way. */
  dbBundledMs: number
  dbBundledBytes: number
  fns: { name: string; ms: number; wall: number; bytes: number }[]
}

/**
 * Cold load of every function bundle (`npm run build:functions` first), median of 7, beside a fresh process doing
 * `require('@cloudbase/node-sdk')` in the same run (interleaved, so drifting load hits both alike). Also times the SDK
 * alone bundled the way the functions are (what the bundles paid when they loaded it) and `@cloudbase/database`
 * alone (the part of the SDK the functions call, and the floor of their cold load).
 */
export async function measureColdStart(log: (l: string) => void): Promise<ColdStart> {
  log('  npm run build:functions...')
  const b = spawnSync('npm', ['run', '--silent', 'build:functions'], { cwd: ROOT, encoding: 'utf8' })
  if (b.status !== 0) throw new Error(`npm run build:functions failed: ${b.stderr.slice(-1500)}`)
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tuanka-bench-sdk-'))
  try {
    const bundle = async (name: string, pkg: string) => {
      const outfile = path.join(tmp, `${name}.js`)
      await build({
        stdin: { contents: `module.exports = require('${pkg}')`, resolveDir: ROOT, loader: 'js' },
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node18',
        format: 'cjs',
        minify: true,
        legalComments: 'none',
        logLevel: 'error',
        external: ['wx-server-sdk'],
      })
      return outfile
    }
    const sdkBundle = await bundle('sdk', '@cloudbase/node-sdk')
    const dbBundle = await bundle('database', '@cloudbase/database')
    const targets = [
      { key: 'sdk', path: '@cloudbase/node-sdk' },
      { key: 'sdkBundled', path: sdkBundle },
      { key: 'dbBundled', path: dbBundle },
      ...FUNCTIONS.map((f) => ({ key: f.name, path: path.join(ROOT, 'build/functions', f.name, 'index.js') })),
    ]
    const samples = new Map<string, { cpu: number; wall: number }[]>(targets.map((t) => [t.key, []]))
    for (let i = 0; i < RUNS; i++) {
      for (const t of targets) samples.get(t.key)!.push(await requireTime(t.path))
    }
    const med = (k: string) => median(samples.get(k)!.map((x) => x.cpu))
    const wall = (k: string) => median(samples.get(k)!.map((x) => x.wall))
    return {
      sdkMs: med('sdk'),
      sdkWallMs: wall('sdk'),
      sdkBundledMs: med('sdkBundled'),
      sdkBundledBytes: statSync(sdkBundle).size,
      dbBundledMs: med('dbBundled'),
      dbBundledBytes: statSync(dbBundle).size,
      fns: FUNCTIONS.map((f) => ({ name: f.name, ms: med(f.name), wall: wall(f.name), bytes: statSync(path.join(ROOT, 'build/functions', f.name, 'index.js')).size })),
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

export async function coldStartRows(log: (l: string) => void): Promise<Row[]> {
  const c = await measureColdStart(log)
  const floor = c.sdkBundledMs / c.sdkMs
  const own = c.fns.map((f) => `${f.name} ${f.ms >= c.dbBundledMs ? '+' : ''}${ms(f.ms - c.dbBundledMs)}`).join(', ')
  const limit =
    `each bundle evaluates @cloudbase/database and a port of node-sdk's database requester (server/platform/tcb), not the whole SDK ` +
    `(the SDK alone, bundled the same way, ${kb(c.sdkBundledBytes)}, takes ${ms(c.sdkBundledMs)} = ${floor.toFixed(2)}× by itself); ` +
    `@cloudbase/database alone takes ${ms(c.dbBundledMs)} (${kb(c.dbBundledBytes)}) = ${(c.dbBundledMs / c.sdkMs).toFixed(2)}×; ` +
    `the rest of each bundle adds: ${own}`
  return c.fns.map((f) => {
    const ratio = f.ms / c.sdkMs
    return {
      measure: `Cold load of function ${f.name} (median of ${RUNS})`,
      result: `${ms(f.ms)} CPU, ${ms(f.wall)} wall (${kb(f.bytes)})`,
      ratio: `${ratio.toFixed(2)}× require SDK (${ms(c.sdkMs)} CPU, ${ms(c.sdkWallMs)} wall)`,
      goal: `≤ ${GOAL}×`,
      verdict: verdict(ratio <= GOAL),
      limit,
    }
  })
}
