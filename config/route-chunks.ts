import type { Compiler } from 'webpack'

/**
 * h5: writes into index.html the scripts one route loads on demand (its page chunk and the chunks it shares), in
 * place of the placeholder string `"__TK_<NAME>_CHUNKS__"`, so that a link to that route (src/index.html: the deal
 * page) fetches them alongside the entry scripts instead of after the app has booted and asked the router.
 */
export class RouteChunksPlugin {
  constructor(
    private readonly route: string,
    private readonly placeholder: string,
  ) {}

  apply(compiler: Compiler): void {
    // Taro's own html-webpack-plugin instance (hooks are per module instance); h5 builds only.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const HtmlWebpackPlugin = require('html-webpack-plugin') as typeof import('html-webpack-plugin')
    const publicPath = String(compiler.options.output.publicPath ?? '/').replace(/\/?$/, '/')
    compiler.hooks.compilation.tap('TuankaRouteChunks', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap('TuankaRouteChunks', (data) => {
        const files = new Set<string>()
        for (const group of compilation.chunkGroups) {
          const ours = group.origins.some((o) => typeof o.request === 'string' && o.request.replace(/\\/g, '/').endsWith(this.route))
          if (!ours || group.isInitial()) continue
          for (const f of group.getFiles()) if (f.endsWith('.js')) files.add(publicPath + f)
        }
        const quoted = new RegExp(`["']${this.placeholder}["']`, 'g')
        data.html = data.html.replace(quoted, JSON.stringify([...files]))
        return data
      })
    })
  }
}
