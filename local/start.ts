import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { watchAncestors } from './process-tree'
import { startLocalStack } from './stack'

/**
 * `npm start`: local database + gateway + h5 app in watch mode, demo data on first run.
 * Opens no browser; Ctrl-C stops everything.
 */
async function main() {
  const root = path.resolve(__dirname, '..')
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  const apiPort = Number(process.env.API_PORT ?? 8787)
  const dbPort = Number(process.env.DB_PORT ?? 8786)
  const h5Dir = path.join(root, 'dist/h5')

  const stack = await startLocalStack({ dataDir, apiPort, dbPort, seed: true, h5Dir, timers: true })
  console.log(`数据库  ${stack.dbUrl}  (data: ${dataDir})${stack.seeded ? '  · 已写入演示数据' : ''}`)
  console.log(`网关    ${stack.apiUrl}/fn/<function>`)

  // Everything this starts stops with it: on Ctrl-C, on SIGTERM/SIGHUP, and when npm (or the terminal) that started
  // it is killed. If this process itself is killed, the watcher sees its IPC channel close (h5-watch.ts).
  let watcher: ChildProcess | undefined
  let stopping = false
  const stop = async (why: string) => {
    if (stopping) return
    stopping = true
    if (why !== 'SIGINT') console.log(`正在停止（${why}）…`)
    const w = watcher
    const watcherGone = w && w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : Promise.resolve()
    w?.kill('SIGTERM')
    await Promise.all([stack.stop(), watcherGone])
    process.exit(0)
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop(sig))
  watchAncestors((pid) => void stop(`启动它的进程 ${pid} 已退出`))

  const startedAt = Date.now()
  if (process.env.TUANKA_NO_H5_BUILD !== '1') {
    console.log('正在构建 h5 应用（首次约 30-60 秒）…')
    // TUANKA_H5_WATCH_COMMAND (a JSON argv) stands in for Taro's watcher in the tests of npm start's own lifecycle.
    const command: string[] = process.env.TUANKA_H5_WATCH_COMMAND
      ? (JSON.parse(process.env.TUANKA_H5_WATCH_COMMAND) as string[])
      : [process.execPath, require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch']
    watcher = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'h5-watch.ts'), ...command], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    watcher.on('exit', (code) => {
      if (code !== 0 && code !== null && !stopping) console.error(`h5 构建进程退出（${code}）`)
    })
    const built = await waitForBuild(path.join(h5Dir, 'index.html'), startedAt, watcher)
    if (stopping) return
    if (!built) console.error('h5 构建失败：API 仍可用，页面请修复后重新 npm start')
  }
  console.log(`\n团卡已启动：${stack.apiUrl}/\n按 Ctrl-C 停止。`)
}

async function waitForBuild(indexHtml: string, since: number, child: ChildProcess): Promise<boolean> {
  for (;;) {
    if (existsSync(indexHtml) && statSync(indexHtml).mtimeMs >= since - 1000) return true
    if (child.exitCode !== null) return false
    await new Promise((r) => setTimeout(r, 500))
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
