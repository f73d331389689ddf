import type { Compiler } from 'webpack'

/**
 * h5: the entry's own stylesheet (app.css, a few hundred bytes) is written into index.html as a <style> instead of
 * a <link>. A stylesheet link blocks the first paint until it has arrived: one more round trip (400 ms on a slow
 * phone network) before a shared card's title, price and cover, which index.html paints without the app, can show.
 * Only small files are inlined; the pages' own CSS still comes with their chunks.
 */
export class InlineEntryCssPlugin {
  constructor(private readonly maxBytes = 4096) {}

  apply(compiler: Compiler): void {
    // Taro's own html-webpack-plugin instance (hooks are per module instance); h5 builds only.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const HtmlWebpackPlugin = require('html-webpack-plugin') as typeof import('html-webpack-plugin')
    const publicPath = String(compiler.options.output.publicPath ?? '/').replace(/\/?$/, '/')
    compiler.hooks.compilation.tap('TuankaInlineCss', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('TuankaInlineCss', (data) => {
        const inline = (tags: typeof data.headTags) =>
          tags.map((tag) => {
            const href = tag.tagName === 'link' && tag.attributes.rel === 'stylesheet' ? tag.attributes.href : undefined
            if (typeof href !== 'string' || !href.startsWith(publicPath)) return tag
            const asset = compilation.getAsset(href.slice(publicPath.length))
            const css = asset?.source.source().toString()
            if (css === undefined || Buffer.byteLength(css) > this.maxBytes || /<\/style/i.test(css)) return tag
            return { tagName: 'style', voidTag: false, meta: tag.meta, attributes: {}, innerHTML: css }
          })
        data.headTags = inline(data.headTags)
        data.bodyTags = inline(data.bodyTags)
        return data
      })
    })
  }
}
