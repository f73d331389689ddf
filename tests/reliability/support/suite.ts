import { format } from 'node:util'
import type { Api } from './api'
import type { JournalWatch } from './journal'
import type { Report } from './report'

/** What every attack family gets: the gateway, the report, the journal watch and the functions' error log. */
export interface Suite {
  api: Api
  report: Report
  journal: JournalWatch
  dataDir: string
  /** What the functions logged with console.error (an INTERNAL answer always logs). */
  errors: ErrorLog
}

export class ErrorLog {
  readonly lines: string[] = []
  /** Node process warnings (e.g. the SDK's MaxListenersExceededWarning under heavy socket reuse): not function errors. */
  readonly warnings: string[] = []
  private original: typeof console.error | undefined

  /** Keeps console.error from the in-process functions instead of printing it over the table. */
  capture(): void {
    if (this.original) return
    this.original = console.error
    console.error = (...args: unknown[]) => {
      const line = format(...args)
      if (/^\(node:\d+\) \w*Warning/.test(line) || /^\(Use `node --trace-warnings/.test(line)) this.warnings.push(line)
      else this.lines.push(line)
    }
  }

  release(): void {
    if (this.original) console.error = this.original
    this.original = undefined
  }

  mark(): number {
    return this.lines.length
  }

  since(mark: number): string[] {
    return this.lines.slice(mark)
  }
}
