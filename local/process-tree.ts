import { readFileSync } from 'node:fs'

/**
 * `npm start` runs as node ← tsx ← sh ← npm ← the user's shell. Whoever is killed in that chain (npm by SIGKILL, a
 * closed terminal), the stack must not outlive it: the main process watches every ancestor it had at start.
 */
export function ancestorsOf(pid: number): number[] {
  const out: number[] = []
  let p = pid
  for (let i = 0; i < 64; i++) {
    let ppid: number
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ...", where comm may itself hold spaces and parentheses.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      // No /proc (macOS): the direct parent is all we can know.
      return p === pid && process.ppid > 1 ? [process.ppid] : out
    }
    if (!Number.isInteger(ppid) || ppid <= 1) return out
    out.push(ppid)
    p = ppid
  }
  return out
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Calls `onGone` once when any of this process's ancestors at call time has exited. */
export function watchAncestors(onGone: (pid: number) => void, everyMs = 500): () => void {
  const watched = ancestorsOf(process.pid)
  const h = setInterval(() => {
    const gone = watched.find((p) => !alive(p))
    if (gone !== undefined) {
      clearInterval(h)
      onGone(gone)
    }
  }, everyMs)
  h.unref()
  return () => clearInterval(h)
}
