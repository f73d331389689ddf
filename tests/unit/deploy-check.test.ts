import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ENV_VARS, FUNCTION_ENV, isSet } from '../../cloudfunctions/environment'
import { FUNCTIONS } from '../../cloudfunctions/manifest'
import { cloudbaserc, functionConfig } from '../../scripts/build-functions'
import { envReadsOf, openapiCallsOf, scanFunction, type FunctionScan } from '../../scripts/deploy-check/scan'
import { cronProblem, deploymentProblems } from '../../scripts/deploy-check/validate'

const root = path.resolve(__dirname, '../..')
const committedRc = () => JSON.parse(readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'))
const configs = () => Object.fromEntries(FUNCTIONS.map((f) => [f.name, functionConfig(f)]))

/** What each function's bundled source reads and calls (esbuild metafile inputs), scanned once. */
const scans = new Map<string, FunctionScan>()
beforeAll(async () => {
  for (const f of FUNCTIONS) scans.set(f.name, await scanFunction(f.name))
}, 60_000)

describe('the environment each function needs cannot fall behind the code', () => {
  it.each(FUNCTIONS.map((f) => f.name))('%s: every variable its code reads is declared, every declared one is read', (fn) => {
    const declared = FUNCTION_ENV[fn]
    const read = scans.get(fn)!.env
    expect(read.filter((v) => !declared.includes(v))).toEqual([])
    // Platform (and local-only) variables are the runtime's; the ones to configure must still be read by the function.
    expect(declared.filter((v) => ENV_VARS[v]?.need !== 'platform' && ENV_VARS[v]?.need !== 'local' && !read.includes(v))).toEqual([])
    for (const v of declared) expect(ENV_VARS[v]).toBeDefined()
  })

  it('finds direct, aliased and prefixed reads', () => {
    const src = 'const a = process.env.TUANKA_X; const env = process.env; env.TUANKA_Y; process.env[`TUANKA_T_${k}`]; process.env.lower'
    expect(envReadsOf(src).sort()).toEqual(['TUANKA_T_*', 'TUANKA_X', 'TUANKA_Y'])
  })

  it('a family is set when one of its members is', () => {
    expect(isSet('TUANKA_TEMPLATE_*', { TUANKA_TEMPLATE_PAID: 'tpl' })).toBe(true)
    expect(isSet('TUANKA_TEMPLATE_*', { TUANKA_TEMPLATE_PAID: '' })).toBe(false)
    expect(isSet('TUANKA_SUB_MCH_ID', {})).toBe(false)
  })
})

describe('deployment configuration', () => {
  it('the committed cloudbaserc.json and the built configs grant what the code calls, with valid timers', () => {
    const code = Object.fromEntries([...scans].map(([fn, s]) => [fn, s]))
    expect(deploymentProblems(FUNCTIONS, committedRc(), configs(), code)).toEqual([])
    // The scan is not empty: it sees what the product calls.
    expect(scans.get('timers')!.openapi).toEqual(expect.arrayContaining(['wxa.sec.order.uploadShippingInfo', 'wxa.sec.order.getOrder', 'subscribeMessage.send']))
    expect(scans.get('promoters')!.openapi).toContain('wxacode.getUnlimited')
  })

  it('names each problem: a missing function, a bad cron, a trigger the manifest lacks, a permission or package missing', () => {
    const rc = cloudbaserc()
    const broken = {
      ...rc,
      functions: rc.functions
        .filter((f) => f.name !== 'deals')
        .map((f) => (f.name === 'timers' ? { ...f, triggers: [...(f.triggers ?? []).slice(1), { name: 'closeUnpaid', type: 'timer', config: '0 * * * *' }] } : f)),
    }
    const code = { payments: { openapi: ['wxa.sec.order.uploadShippingInfo'], wxServerSdk: true }, shops: { openapi: [], wxServerSdk: true } }
    const manifest = FUNCTIONS.map((f) => (f.name === 'shops' ? { ...f, external: undefined } : f))
    const problems = deploymentProblems(manifest, broken, configs(), code)
    expect(problems).toEqual(
      expect.arrayContaining([
        'deals: missing from cloudbaserc.json',
        expect.stringMatching(/^timers: timer closeUnpaid "0 \* \* \* \*": needs 7 fields/),
        'payments: calls openapi wxa.sec.order.uploadShippingInfo but config.json permissions.openapi does not list it (cloudfunctions/manifest.ts openapi)',
        'shops: its code loads wx-server-sdk, which is not installed for it (cloudfunctions/manifest.ts external)',
      ]),
    )
    expect(deploymentProblems(FUNCTIONS, { ...rc, functions: [...rc.functions, { ...rc.functions[0], name: 'ghost' }] }, configs(), {})).toEqual(['ghost: in cloudbaserc.json but not in cloudfunctions/manifest.ts'])
    expect(deploymentProblems(FUNCTIONS, rc, { ...configs(), orders: null }, {})).toEqual(['orders: no build/functions/orders/config.json (run npm run build:functions)'])
  })

  it('reads open-API calls however the module spells them', () => {
    expect(openapiCallsOf("cloud.openapi.subscribeMessage.send({}); wx().openapi({ convertCase: false }).wxa.sec.order.getOrder(x); cloud.openapi.wxacode.getUnlimited (y)").sort()).toEqual([
      'subscribeMessage.send',
      'wxa.sec.order.getOrder',
      'wxacode.getUnlimited',
    ])
    // Names kept as data are not calls.
    expect(openapiCallsOf("const N = ['wxa.sec.order.getOrder']; openapi.x")).toEqual([])
  })
})

describe('TCB timer cron', () => {
  it('accepts every manifest timer and the forms TCB documents', () => {
    for (const f of FUNCTIONS) for (const t of f.timers ?? []) expect(cronProblem(t.cron)).toBeNull()
    for (const ok of ['0 0 2 1 * * *', '0 */30 9-17 * * MON-FRI *', '0 0 10,14,16 * * * *', '0 15 10 * * SUN 2027', '*/5 * * * * * *']) expect(cronProblem(ok)).toBeNull()
  })

  it('refuses wrong field counts and values out of range', () => {
    expect(cronProblem('0 * * * *')).toMatch(/7 fields/)
    expect(cronProblem('60 * * * * * *')).toMatch(/^second/)
    expect(cronProblem('0 0 24 * * * *')).toMatch(/^hour/)
    expect(cronProblem('0 0 0 0 * * *')).toMatch(/^day/)
    expect(cronProblem('0 0 0 * 13 * *')).toMatch(/^month/)
    expect(cronProblem('0 0 0 * * FUNDAY *')).toMatch(/^week/)
    expect(cronProblem('0 */0 * * * * *')).toMatch(/^minute: bad step/)
    expect(cronProblem('0 30-10 * * * * *')).toMatch(/^minute/)
  })
})
