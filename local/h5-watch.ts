import { spawn } from 'node:child_process'

/**
 * The h5 watch build under `npm start`, as a child that cannot outlive it: it runs Taro's watcher in a process group
 * of its own (so webpack's workers go with it) and ends that group when `npm start` stops, is killed (the IPC
 * channel closes), or when it is told to stop.
 * argv: the command and its arguments to run (Taro's CLI, or a stand-in in tests).
 */
const [cmd, ...args] = process.argv.slice(2)
if (!cmd || !process.send) {
  console.error('h5-watch: run by local/start.ts with an IPC channel and a command')
  process.exit(2)
}

const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], detached: true })
let ending = false
function signalGroup(sig: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, sig)
  } catch {
    /* the group is gone */
  }
}
function end(code: number) {
  if (ending) return
  ending = true
  signalGroup('SIGTERM')
  // Webpack may ignore SIGTERM while it compiles: it gets a moment, then the whole group gets SIGKILL.
  const finish = () => {
    signalGroup('SIGKILL')
    process.exit(code)
  }
  if (child.exitCode !== null || child.signalCode !== null) return finish()
  const timer = setTimeout(finish, 1500)
  child.once('exit', () => {
    clearTimeout(timer)
    finish()
  })
}

child.on('exit', (code) => end(code ?? 1))
process.on('disconnect', () => end(0))
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => end(0))
process.send({ pid: child.pid })
