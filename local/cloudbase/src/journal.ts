import type { FileHandle } from 'node:fs/promises'
import { Codes, DbError } from './errors'
import { encodeRecord } from './record-lines'

interface Waiter {
  upto: number
  resolve: () => void
  reject: (e: Error) => void
}

/**
 * Append-only journal with group commit: every record appended during one event-loop turn (and while the
 * previous fsync is in flight) goes out in one write + one fdatasync. `append` resolves only once its record
 * is on disk, so a reply sent after it never acknowledges something a kill -9 could lose.
 */
export class JournalWriter {
  private queue: string[] = []
  private appended = 0
  private durable = 0
  private waiters: Waiter[] = []
  private running = false
  private failure: Error | undefined

  constructor(
    private readonly fh: FileHandle,
    readonly path: string,
  ) {}

  get failed(): Error | undefined {
    return this.failure
  }

  append(json: string): Promise<void> {
    if (this.failure) return Promise.reject(this.unavailable())
    this.queue.push(encodeRecord(json))
    this.appended++
    return this.waitFor(this.appended)
  }

  /** Resolves once everything appended so far is durable (reads use it so they never show unsaved data). */
  barrier(): Promise<void> {
    return this.waitFor(this.appended)
  }

  async close(): Promise<void> {
    try {
      await this.barrier()
    } finally {
      await this.fh.close()
    }
  }

  private waitFor(upto: number): Promise<void> {
    if (this.failure) return Promise.reject(this.unavailable())
    if (upto <= this.durable) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ upto, resolve, reject })
      this.kick()
    })
  }

  private kick(): void {
    if (this.running || this.failure) return
    this.running = true
    setImmediate(() => void this.run())
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const upto = this.appended
        const buf = Buffer.from(this.queue.splice(0).join(''), 'utf8')
        let off = 0
        while (off < buf.length) off += (await this.fh.write(buf, off)).bytesWritten
        await this.fh.datasync()
        this.durable = upto
        this.settle()
      }
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e))
      console.error(`[cloudbase] journal ${this.path}: write failed, refusing further requests: ${this.failure.message}`)
      for (const w of this.waiters.splice(0)) w.reject(this.unavailable())
    } finally {
      this.running = false
      if (this.queue.length > 0 || this.waiters.length > 0) this.kick()
    }
  }

  private settle(): void {
    const ready = this.waiters.filter((w) => w.upto <= this.durable)
    this.waiters = this.waiters.filter((w) => w.upto > this.durable)
    for (const w of ready) w.resolve()
  }

  private unavailable(): DbError {
    return new DbError(Codes.UNAVAILABLE, `journal write failed (${this.failure?.message}); restart the server`)
  }
}
