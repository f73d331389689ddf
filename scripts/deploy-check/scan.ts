import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * What a function's code reads and calls, found in the source files that end up in its bundle (esbuild's metafile:
 * only inputs that contribute bytes, so an import that tree-shaking drops does not count). The project's own files
 * only: the SDKs' reads of the platform's variables are the platform's business.
 */
export const ROOT = path.resolve(__dirname, '../..')

export async function bundleInputs(fn: string): Promise<string[]> {
  const res = await build({
    entryPoints: [path.join(ROOT, 'cloudfunctions', fn, 'index.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    logLevel: 'silent',
    outfile: path.join(ROOT, 'build/deploy-check', fn, 'index.js'),
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    external: ['wx-server-sdk'],
  })
  const out = Object.values(res.metafile.outputs)[0]
  return Object.entries(out.inputs)
    .filter(([file, i]) => i.bytesInOutput > 0 && !file.includes('node_modules'))
    .map(([file]) => file)
    .sort()
}

/** `env.NAME` / `process.env.NAME`, and `env[\`PREFIX_${...}\`]` as `PREFIX_*`. */
export function envReadsOf(source: string): string[] {
  const out = new Set<string>()
  for (const m of source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) out.add(m[1])
  for (const m of source.matchAll(/\benv\[`([A-Z][A-Z0-9_]*)\$\{/g)) out.add(`${m[1]}*`)
  return [...out]
}

/**
 * Open APIs the code calls, written out as wx-server-sdk's proxy takes them: `openapi.a.b(` or `openapi({...}).a.b(`
 * (the proxy joins the path into the API name). A module that builds the path otherwise is not seen: write calls out.
 */
export function openapiCallsOf(source: string): string[] {
  const out = new Set<string>()
  for (const m of source.matchAll(/\bopenapi(?:\([^)]*\))?((?:\.[a-zA-Z]\w*)+)\s*\(/g)) out.add(m[1].slice(1))
  return [...out]
}

export interface FunctionScan {
  fn: string
  files: string[]
  env: string[]
  openapi: string[]
  /** Its code requires wx-server-sdk (lazily): the package must be installed in the cloud (manifest `external`). */
  wxServerSdk: boolean
}

export async function scanFunction(fn: string): Promise<FunctionScan> {
  const files = await bundleInputs(fn)
  const env = new Set<string>()
  const openapi = new Set<string>()
  let wxServerSdk = false
  for (const f of files) {
    const text = readFileSync(path.join(ROOT, f), 'utf8')
    wxServerSdk ||= /require\(['"]wx-server-sdk['"]\)/.test(text)
    for (const e of envReadsOf(text)) env.add(e)
    for (const o of openapiCallsOf(text)) openapi.add(o)
  }
  return { fn, files, env: [...env].sort(), openapi: [...openapi].sort(), wxServerSdk }
}
