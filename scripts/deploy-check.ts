import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ENV_VARS, FUNCTION_ENV, isSet } from '../cloudfunctions/environment'
import { FUNCTIONS } from '../cloudfunctions/manifest'
import { runJourney } from './deploy-check/journey'
import { envReadsOf, ROOT, scanFunction, type FunctionScan } from './deploy-check/scan'
import { deploymentProblems, type FunctionConfig } from './deploy-check/validate'

/**
 * `npm run deploy:check`: what a deployment needs, checked before deploying.
 * 1. builds the functions (scripts/build-functions.ts: bundles, config.json, cloudbaserc.json);
 * 2. validates cloudbaserc.json and every config.json against cloudfunctions/manifest.ts and the code;
 * 3. lists per function its timers, open-API permissions and environment variables, marking the ones unset in this
 *    shell (the one `tcb framework deploy` runs in) — set them on the functions in the TCB console (README);
 * 4. runs the whole journey (share → checkout → pay → 发货信息 → verify → refund → withdraw) against a fresh local
 *    stack in production mode (TUANKA_PAYMENT unset), and names the production files that still branch to a twin.
 * Exits 1 on any problem or failed step; unset required variables fail only with --strict-env. --no-journey skips 4.
 */
const args = new Set(process.argv.slice(2))
const strictEnv = args.has('--strict-env')

function build(): boolean {
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'scripts/build-functions.ts')], { cwd: ROOT, stdio: 'inherit' })
  return r.status === 0
}

const readJson = (file: string) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

function report(scans: Map<string, FunctionScan>): number {
  let unsetRequired = 0
  for (const f of FUNCTIONS) {
    console.log(`\n${f.name}  (timeout ${f.timeoutSec} s, ${f.memoryMb} MB${f.external ? `, installs ${Object.keys(f.external).join(', ')}` : ''})`)
    console.log(`  timers:   ${(f.timers ?? []).map((t) => `${t.name} "${t.cron}"`).join(', ') || '—'}`)
    console.log(`  openapi:  ${(f.openapi ?? []).join(', ') || '—'}${scans.get(f.name)?.openapi.length ? `   (code calls: ${scans.get(f.name)!.openapi.join(', ')})` : ''}`)
    const declared = FUNCTION_ENV[f.name] ?? []
    for (const need of ['required', 'optional'] as const) {
      const vars = declared.filter((v) => ENV_VARS[v]?.need === need)
      const unset = vars.filter((v) => !isSet(v, process.env))
      if (need === 'required') unsetRequired += unset.length
      console.log(`  env ${need}: ${vars.map((v) => (unset.includes(v) ? `${v} (unset)` : v)).join(', ') || '—'}`)
    }
    console.log(`  platform sets: ${declared.filter((v) => ENV_VARS[v]?.need === 'platform').join(', ')}`)
    const local = scans.get(f.name)?.env.filter((v) => ENV_VARS[v]?.need === 'local') ?? []
    if (local.length) console.log(`  still reads local-only: ${local.join(', ')} (a local twin remains)`)
  }
  return unsetRequired
}

/** Production files (cloudfunctions/, server/) that still read TUANKA_PAYMENT to choose a local twin. */
function twins(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.ts$/.test(name) && envReadsOf(readFileSync(p, 'utf8')).includes('TUANKA_PAYMENT')) out.push(path.relative(ROOT, p))
    }
  }
  walk(path.join(ROOT, 'cloudfunctions'))
  walk(path.join(ROOT, 'server'))
  return out.sort()
}

async function journey(): Promise<boolean> {
  // Imported here: the stack installs the local clock and points the SDK at the local server.
  const { startLocalStack } = await import('../local/stack')
  const { openidOf } = await import('../local/seed/personas')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-deploy-check-'))
  const stack = await startLocalStack({ dataDir, seed: true, seedHistory: false, quiet: true })
  // Production mode: nothing tells the functions they run locally.
  delete process.env.TUANKA_PAYMENT
  try {
    const steps = await runJourney(stack.apiUrl, { promoter: 'o_deploy_check_promoter', buyer: 'o_deploy_check_buyer', staff: openidOf('staff') })
    console.log('\nJourney against the local stack in production mode (production modules; WeChat emulated at the SDK transport):')
    for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(8)} ${s.detail}`)
    const left = twins()
    console.log(left.length ? `  still choosing a local twin by TUANKA_PAYMENT (production mode takes their production branch): ${left.join(', ')}` : '  no production file chooses a local twin')
    return steps.every((s) => s.ok)
  } finally {
    await stack.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  console.log('1. Building the functions (npm run build:functions)')
  if (!build()) {
    console.error('build failed')
    process.exit(1)
  }
  console.log('\n2. Validating cloudbaserc.json and build/functions/*/config.json')
  const scans = new Map<string, FunctionScan>()
  for (const f of FUNCTIONS) scans.set(f.name, await scanFunction(f.name))
  const configs: Record<string, FunctionConfig | null> = Object.fromEntries(FUNCTIONS.map((f) => [f.name, readJson(path.join(ROOT, 'build/functions', f.name, 'config.json'))]))
  const problems = deploymentProblems(FUNCTIONS, readJson(path.join(ROOT, 'cloudbaserc.json')) ?? {}, configs, Object.fromEntries(scans))
  for (const f of FUNCTIONS) {
    const undeclared = scans.get(f.name)!.env.filter((v) => !(FUNCTION_ENV[f.name] ?? []).includes(v))
    if (undeclared.length) problems.push(`${f.name}: reads ${undeclared.join(', ')}, not declared in cloudfunctions/environment.ts`)
  }
  console.log(problems.length ? problems.map((p) => `  PROBLEM ${p}`).join('\n') : '  ok: every function deployed as the manifest says, timers valid, permissions cover the open APIs called')
  console.log('\n3. What each function needs (environment variables from this shell)')
  const unsetRequired = report(scans)
  console.log(`\n  ${unsetRequired} required variable setting(s) unset here${unsetRequired ? ' — set them on the functions before the first deploy (README "Deploying to TCB")' : ''}`)
  let journeyOk = true
  if (!args.has('--no-journey')) {
    console.log('\n4. The whole journey')
    journeyOk = await journey()
  }
  const failed = problems.length > 0 || !journeyOk || (strictEnv && unsetRequired > 0)
  console.log(`\ndeploy:check ${failed ? 'FAILED' : 'passed'}`)
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
