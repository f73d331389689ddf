import './support/env'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalStack } from '../../local/stack'
import { authz } from './authz'
import { books } from './books'
import { burst } from './burst'
import { crashDb } from './crash-db'
import { crashGateway } from './crash-gateway'
import { fuzz } from './fuzz'
import { guessing } from './guessing'
import { races } from './races'
import { replays } from './replays'
import { Api } from './support/api'
import { useWxPay } from './support/fixtures'
import { ONLY, SIZES } from './support/config'
import { JournalWatch } from './support/journal'
import { Report } from './support/report'
import { ErrorLog, type Suite } from './support/suite'

/**
 * `npm run test:reliability`: attacks a running local stack from outside — HTTP to the gateway, the real SDK to
 * the database — family by family, and prints one row per assertion. Sizes: tests/reliability/support/config.ts.
 */
type Family = { name: string; run: (s: Suite) => Promise<void> }
/** Families that bring their own stack (child processes they kill), run after the shared stack is stopped. */
type OwnStack = { name: string; run: (report: Report) => Promise<void> }

const SHARED: Family[] = [
  { name: 'burst', run: burst },
  { name: 'replays', run: replays },
  { name: 'races', run: races },
  { name: 'guessing', run: guessing },
  { name: 'authz', run: authz },
  { name: 'fuzz', run: fuzz },
  { name: 'books', run: books },
]

const OWN: OwnStack[] = [
  { name: 'crash-db', run: crashDb },
  { name: 'crash-gateway', run: crashGateway },
]

async function main(): Promise<number> {
  const report = new Report()
  const errors = new ErrorLog()
  const wanted = (name: string) => ONLY.length === 0 || ONLY.includes(name)
  console.log(`reliability run: scale ${SIZES.scale}, seed ${SIZES.seed}${ONLY.length ? `, only ${ONLY.join(',')}` : ''}`)
  const started = Date.now()

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-rel-'))
  errors.capture()
  try {
    const stack = await startLocalStack({ dataDir, seed: true, quiet: true })
    useWxPay(stack.wxpay)
    const s: Suite = { api: new Api(stack.apiUrl), report, journal: new JournalWatch(dataDir), dataDir, errors }
    try {
      for (const f of SHARED) {
        if (!wanted(f.name)) continue
        report.begin(f.name)
        const t0 = Date.now()
        try {
          await f.run(s)
        } catch (e) {
          report.crashed(f.name, e)
        }
        report.timings.push({ family: f.name, ms: Date.now() - t0 })
        process.stderr.write(`  ${f.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
      }
    } finally {
      await stack.stop()
    }
    for (const f of OWN) {
      if (!wanted(f.name)) continue
      report.begin(f.name)
      const t0 = Date.now()
      try {
        await f.run(report)
      } catch (e) {
        report.crashed(f.name, e)
      }
      report.timings.push({ family: f.name, ms: Date.now() - t0 })
      process.stderr.write(`  ${f.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
    }
  } finally {
    errors.release()
    rmSync(dataDir, { recursive: true, force: true })
  }

  console.log('')
  report.print()
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s; ${errors.lines.length} line(s) logged by the functions (most from the crash families, where the database is down for a while); ${errors.warnings.length} node warning(s)`)
  console.log(`\n${report.passed} passed, ${report.failed} failed`)
  return report.failed === 0 && report.rows.length > 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e)
    console.log('\n0 passed, 1 failed')
    process.exit(1)
  },
)
