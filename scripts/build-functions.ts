import { build } from 'esbuild'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FUNCTIONS, type FunctionManifest } from '../cloudfunctions/manifest'

/**
 * `npm run build:functions`: one self-contained, minified bundle per function in build/functions/<name>/,
 * with the package.json and config.json TCB deploys, and cloudbaserc.json for `npx @cloudbase/cli`.
 * Bundling the database client in (instead of installing the SDK in the cloud) keeps cold starts short and versions
 * pinned; the functions load @cloudbase/database and a port of node-sdk's requester, not node-sdk (server/platform/tcb).
 */
const ROOT = path.resolve(__dirname, '..')
const OUT = path.join(ROOT, 'build/functions')
const RUNTIME = 'Nodejs18.15'

export function functionConfig(f: FunctionManifest) {
  return {
    timeout: f.timeoutSec,
    memorySize: f.memoryMb,
    ...(f.timers ? { triggers: f.timers.map((t) => ({ name: t.name, type: 'timer', config: t.cron })) } : {}),
    ...(f.openapi ? { permissions: { openapi: f.openapi } } : {}),
  }
}

export function cloudbaserc() {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './build/functions',
    functions: FUNCTIONS.map((f) => ({
      name: f.name,
      handler: 'index.main',
      runtime: RUNTIME,
      installDependency: !!f.external,
      timeout: f.timeoutSec,
      memorySize: f.memoryMb,
      envVariables: { TUANKA_ADMIN_OPENIDS: '{{env.TUANKA_ADMIN_OPENIDS}}' },
      ...(f.timers ? { triggers: f.timers.map((t) => ({ name: t.name, type: 'timer', config: t.cron })) } : {}),
    })),
  }
}

async function main() {
  rmSync(OUT, { recursive: true, force: true })
  for (const f of FUNCTIONS) {
    const dir = path.join(OUT, f.name)
    mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [path.join(ROOT, 'cloudfunctions', f.name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      // wx-server-sdk is required lazily, only on the WeChat Pay path; it is installed in the cloud for the
      // functions that take that path (manifest `external`), and never bundled (it carries its own SDK copy).
      external: ['wx-server-sdk', ...Object.keys(f.external ?? {})],
    })
    const pkg = { name: f.name, version: '1.0.0', main: 'index.js', private: true, dependencies: f.external ?? {} }
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(functionConfig(f), null, 2) + '\n')
    console.log(`${f.name.padEnd(12)} ${statSync(path.join(dir, 'index.js')).size.toLocaleString()} bytes`)
  }
  writeFileSync(path.join(ROOT, 'cloudbaserc.json'), JSON.stringify(cloudbaserc(), null, 2) + '\n')
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
