import type { FunctionManifest } from '../../cloudfunctions/manifest'

/**
 * Checks of what is deployed (cloudbaserc.json and each function's config.json from npm run build:functions)
 * against cloudfunctions/manifest.ts and the code. Each problem is one sentence naming the function.
 */

/** TCB timer triggers: 7 fields, second minute hour day month week year (TCB's "Cron 表达式"). */
const CRON_FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
] as const

function cronValue(text: string, f: (typeof CRON_FIELDS)[number]): number | null {
  const names = 'names' in f ? (f.names as readonly string[]) : []
  const named = names.indexOf(text.toUpperCase())
  if (named >= 0) return f.min + named
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= f.min && n <= f.max ? n : null
}

/** Why a cron expression is not one TCB accepts, or null when it is. */
export function cronProblem(expr: string): string | null {
  const parts = expr.trim().split(/\s+/)
  if (parts.length !== 7) return `needs 7 fields (second minute hour day month week year), has ${parts.length}`
  for (const [i, part] of parts.entries()) {
    const f = CRON_FIELDS[i]
    for (const item of part.split(',')) {
      const [range, step, ...extra] = item.split('/')
      if (extra.length || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `${f.name}: bad step in "${item}"`
      if (range === '*') continue
      const [a, b, ...more] = range.split('-')
      const lo = cronValue(a ?? '', f)
      const hi = b === undefined ? lo : cronValue(b, f)
      if (more.length || lo === null || hi === null || hi < lo) return `${f.name}: "${item}" is outside ${f.min}-${f.max}`
    }
  }
  return null
}

export interface RcFunction {
  name: string
  handler?: string
  runtime?: string
  installDependency?: boolean
  timeout?: number
  memorySize?: number
  envVariables?: Record<string, string>
  triggers?: { name: string; type: string; config: string }[]
}

export interface FunctionConfig {
  permissions?: { openapi?: string[] }
  triggers?: { name: string; type: string; config: string }[]
}

/** cloudbaserc.json and the built config.json files against the manifest and what each function's code calls (scan.ts). */
export function deploymentProblems(
  manifest: readonly FunctionManifest[],
  rc: { functions?: RcFunction[]; envId?: string },
  configs: Record<string, FunctionConfig | null>,
  code: Record<string, { openapi: readonly string[]; wxServerSdk: boolean }>,
): string[] {
  const problems: string[] = []
  if (rc.envId !== '{{env.ENV_ID}}') problems.push('cloudbaserc.json: envId must be {{env.ENV_ID}} (the environment is chosen at deploy time)')
  const deployed = new Map((rc.functions ?? []).map((f) => [f.name, f]))
  for (const name of deployed.keys()) if (!manifest.some((m) => m.name === name)) problems.push(`${name}: in cloudbaserc.json but not in cloudfunctions/manifest.ts`)
  for (const m of manifest) {
    const f = deployed.get(m.name)
    if (!f) {
      problems.push(`${m.name}: missing from cloudbaserc.json`)
      continue
    }
    if (f.handler !== 'index.main') problems.push(`${m.name}: handler ${f.handler} (the bundle exports main from index.js)`)
    if (f.timeout !== m.timeoutSec) problems.push(`${m.name}: timeout ${f.timeout} s, manifest says ${m.timeoutSec}`)
    if (f.memorySize !== m.memoryMb) problems.push(`${m.name}: memory ${f.memorySize} MB, manifest says ${m.memoryMb}`)
    if (!!f.installDependency !== !!m.external) problems.push(`${m.name}: installDependency ${f.installDependency}, but it ${m.external ? 'loads' : 'does not load'} packages installed in the cloud`)
    const want = (m.timers ?? []).map((t) => `${t.name}=${t.cron}`).sort().join(' ')
    const have = (f.triggers ?? []).filter((t) => t.type === 'timer').map((t) => `${t.name}=${t.config}`).sort().join(' ')
    if (want !== have) problems.push(`${m.name}: timer triggers [${have}] differ from the manifest's [${want}]`)
    for (const t of f.triggers ?? []) {
      const why = t.type === 'timer' ? cronProblem(t.config) : null
      if (why) problems.push(`${m.name}: timer ${t.name} "${t.config}": ${why}`)
    }
    const config = configs[m.name]
    if (!config) {
      problems.push(`${m.name}: no build/functions/${m.name}/config.json (run npm run build:functions)`)
      continue
    }
    const granted = new Set(config.permissions?.openapi ?? [])
    if (code[m.name]?.wxServerSdk && !m.external?.['wx-server-sdk']) problems.push(`${m.name}: its code loads wx-server-sdk, which is not installed for it (cloudfunctions/manifest.ts external)`)
    for (const api of code[m.name]?.openapi ?? []) if (!granted.has(api)) problems.push(`${m.name}: calls openapi ${api} but config.json permissions.openapi does not list it (cloudfunctions/manifest.ts openapi)`)
  }
  return problems
}
