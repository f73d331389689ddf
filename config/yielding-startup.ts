import type { Compiler } from 'webpack'

/**
 * h5: the app's start (one script task that evaluates every module the entry imports, then creates the app and its
 * router) was the longest task of a shared card's page on a slow phone (~350 ms at 4x CPU slowdown). This runs the
 * entry's imports first, one per task, in the order the entry itself would evaluate them, and only then the entry,
 * whose imports are then already evaluated: the same work in the same order, with the browser free in between.
 *
 * The order is read from the entry's own factory: the calls `<require>(<id>)` before its first statement with an
 * effect (Taro's entry sets `__taroAppConfig` right after its imports; everything before that is imports and
 * declarations). If the factory does not have that shape, the app starts as webpack would start it.
 */
export class YieldingStartupPlugin {
  constructor(private readonly chunkName = 'app') {}

  apply(compiler: Compiler): void {
    const { javascript, sources } = compiler.webpack
    compiler.hooks.compilation.tap('TuankaYieldingStartup', (compilation) => {
      javascript.JavascriptModulesPlugin.getCompilationHooks(compilation).renderStartup.tap('TuankaYieldingStartup', (source, module, ctx) => {
        if (ctx.chunk.name !== this.chunkName || !module) return source
        const id = JSON.stringify(ctx.chunkGraph.getModuleId(module))
        // Only modules the entry itself imports may be evaluated ahead (the order comes from its code, see below).
        const imports = new Set<string>()
        for (const c of compilation.moduleGraph.getOutgoingConnections(module)) {
          const m = c.module
          const mid = m && ctx.chunkGraph.getModuleId(m)
          if (mid !== null && mid !== undefined) imports.add(String(mid))
        }
        if (imports.size === 0) return source
        return new sources.ConcatSource(
          `(function () {\nvar start = function () {\n`,
          source,
          `\n};\n(${warmThenStart.toString()})(__webpack_require__, ${id}, ${JSON.stringify([...imports])}, start);\n})();\n`,
        )
      })
    })
  }
}

/** Runs in the browser (stringified into the startup): evaluates the entry's imports one task each, then `start`. */
function warmThenStart(req: { (id: string | number): unknown; m: Record<string, unknown> }, entryId: string | number, imports: string[], start: () => void): void {
  let ids: string[] = []
  try {
    const factory = String(req.m[entryId])
    const params = /^function\s*\(([^)]*)\)|^\(([^)]*)\)\s*=>/.exec(factory)
    const name = params && (params[1] ?? params[2] ?? '').split(',')[2]?.trim()
    const cut = factory.indexOf('__taroAppConfig')
    if (name && /^[A-Za-z_$][\w$]*$/.test(name) && cut > 0) {
      const calls = new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\((\\d+)\\)`, 'g')
      for (let m = calls.exec(factory); m && m.index < cut; m = calls.exec(factory)) if (ids.indexOf(m[1]) < 0 && imports.indexOf(m[1]) >= 0) ids.push(m[1])
    }
    if (ids.some((i) => !req.m[i])) ids = []
  } catch {
    ids = []
  }
  let channel: MessageChannel | null = null
  try {
    channel = typeof MessageChannel === 'function' ? new MessageChannel() : null
  } catch {
    channel = null
  }
  const later = (f: () => void) => {
    if (channel) {
      channel.port1.onmessage = () => f()
      channel.port2.postMessage(0)
    } else setTimeout(f, 0)
  }
  let i = 0
  const step = () => {
    if (i >= ids.length) return start()
    try {
      req(ids[i++])
    } catch {
      // evaluated again (and failing where it would have) when the entry imports it
      i = ids.length
    }
    later(step)
  }
  step()
}
