import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
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

  const startedAt = Date.now()
  let taro: ChildProcess | undefined
  if (process.env.TUANKA_NO_H5_BUILD !== '1') {
    console.log('正在构建 h5 应用（首次约 30-60 秒）…')
    taro = spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    })
    taro.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`h5 构建进程退出（${code}）`)
    })
    const built = await waitForBuild(path.join(h5Dir, 'index.html'), startedAt, taro)
    if (!built) console.error('h5 构建失败：API 仍可用，页面请修复后重新 npm start')
  }
  console.log(`\n团卡已启动：${stack.apiUrl}/\n按 Ctrl-C 停止。`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    if (taro?.pid) {
      try {
        process.kill(-taro.pid, 'SIGTERM')
      } catch {
        /* already gone */
      }
    }
    await stack.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
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
