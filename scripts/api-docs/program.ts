import path from 'node:path'
import ts from 'typescript'

export const ROOT = path.resolve(__dirname, '../..')

let cached: ts.Program | undefined

/** Every source file of the parts the functions are built from: core, server and cloudfunctions (tests aside). */
function sourceFiles(): string[] {
  return ['core', 'server', 'cloudfunctions'].flatMap((dir) =>
    ts.sys.readDirectory(path.join(ROOT, dir), ['.ts'], ['**/*.test.ts', '**/node_modules/**']),
  )
}

/**
 * One TypeScript program over the contracts and the functions, with the repo's compiler options (paths such as
 * @core). Dependencies are left unresolved (`noResolve`, no lib beyond ES2020): the docs read this repository's
 * declarations only, never emit or report diagnostics, and parsing the SDKs' types would cost most of the time.
 * Built once per process.
 */
export function docsProgram(): ts.Program {
  if (cached) return cached
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT)
  cached = ts.createProgram({
    rootNames: sourceFiles(),
    options: { ...parsed.options, types: [], lib: ['lib.es2020.d.ts'], noResolve: true, noEmit: true },
  })
  return cached
}

/** A file of this repository (not a dependency, not a declaration file). */
export function isRepoFile(sf: ts.SourceFile): boolean {
  return !sf.isDeclarationFile && sf.fileName.startsWith(ROOT + '/') && !sf.fileName.includes('/node_modules/')
}
