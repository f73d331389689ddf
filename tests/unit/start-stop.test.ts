import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * `npm start` leaves no process behind: stopped, its parent killed, or itself killed. The h5 watcher is replaced by a
 * stand-in (TUANKA_H5_WATCH_COMMAND) that starts a grandchild of its own, as webpack does, and writes both pids.
 */
const ROOT = path.resolve(__dirname, '../..')
jest.setTimeout(120_000)

const WATCHER = `const fs=require('fs'),cp=require('child_process');const c=cp.spawn(process.execPath,['-e','setInterval(()=>{},1e6)'],{stdio:'ignore'});fs.writeFileSync(process.argv[1],process.pid+' '+c.pid);setInterval(()=>{},1e6)`

interface Run {
  sh: ChildProcess
  dir: string
  out: () => string
  /** Every pid seen, so that a failing test still leaves nothing behind. */
  pids: number[]
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    // A zombie still answers kill(0); /proc says whether it has really ended.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d))
    } catch {
      /* gone */
    }
  }
  return out
}

async function until<T>(what: string, f: () => T | undefined | false, ms = 60_000): Promise<T> {
  const t0 = performance.now()
  for (;;) {
    const v = f()
    if (v) return v
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

function start(): Run {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-start-'))
  const pidFile = path.join(dir, 'watcher.pids')
  // `; :` keeps sh alive as the parent (npm's place), so killing it is killing whoever started the stack.
  const sh = spawn('sh', ['-c', `"${process.execPath}" --import tsx local/start.ts; :`], {
    cwd: ROOT,
    env: { ...process.env, API_PORT: '0', DB_PORT: '0', DATA_DIR: path.join(dir, 'data'), TUANKA_H5_WATCH_COMMAND: JSON.stringify([process.execPath, '-e', WATCHER, pidFile]) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  sh.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  sh.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  return { sh, dir, out: () => out, pids: [] }
}

async function started(run: Run) {
  await until('the gateway line', () => /网关\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(run.out()))
  const apiUrl = /网关\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(run.out())![1]
  const main = await until('start.ts under sh', () => childrenOf(run.sh.pid!)[0])
  const pids = await until('the watcher pids', () => {
    try {
      return readFileSync(path.join(run.dir, 'watcher.pids'), 'utf8').split(' ').map(Number)
    } catch {
      return undefined
    }
  })
  const wrapper = childrenOf(main)[0]
  run.pids.push(main, wrapper, ...pids)
  expect([main, wrapper, ...pids].every(alive)).toBe(true)
  expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200)
  return { apiUrl, main, wrapper, watcher: pids[0], grandchild: pids[1] }
}

async function gone(p: Awaited<ReturnType<typeof started>>, alsoMain = true) {
  const all = [...(alsoMain ? [p.main] : []), p.wrapper, p.watcher, p.grandchild]
  await until(`processes ${all.join(', ')} to end`, () => all.every((x) => !alive(x)), 15_000)
  await expect(fetch(`${p.apiUrl}/healthz`)).rejects.toThrow()
}

describe('npm start stops everything it started', () => {
  const runs: Run[] = []
  afterAll(() => {
    for (const r of runs) {
      for (const pid of [r.sh.pid!, ...r.pids]) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          /* gone */
        }
      }
      rmSync(r.dir, { recursive: true, force: true })
    }
  })

  it('on SIGTERM', async () => {
    const run = start()
    runs.push(run)
    const p = await started(run)
    process.kill(p.main, 'SIGTERM')
    await gone(p)
  })

  it('when whoever started it (npm) is killed with SIGKILL', async () => {
    const run = start()
    runs.push(run)
    const p = await started(run)
    process.kill(run.sh.pid!, 'SIGKILL')
    await gone(p)
  })

  it('when it is itself killed with SIGKILL (the watcher notices)', async () => {
    const run = start()
    runs.push(run)
    const p = await started(run)
    process.kill(p.main, 'SIGKILL')
    await gone(p)
  })
})
