import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import { InlineEntryCssPlugin } from './inline-css'
import { RouteChunksPlugin } from './route-chunks'
import { YieldingStartupPlugin } from './yielding-startup'
import prodConfig from './prod'

/**
 * Which backend the client talks to, fixed at build time (see src/shared/config/build.ts):
 * - weapp: 'cloud' (Taro.cloud.callFunction) unless TUANKA_BACKEND=gateway (local gateway, for WeChat DevTools);
 * - h5: always 'gateway' (the local gateway serves the h5 build and the API from one origin).
 */
type Backend = 'cloud' | 'gateway'

function backendFor(taroEnv: string | undefined): Backend {
  const asked = process.env.TUANKA_BACKEND
  if (asked !== undefined && asked !== '' && asked !== 'cloud' && asked !== 'gateway') {
    throw new Error(`TUANKA_BACKEND must be 'cloud' or 'gateway', got '${asked}'`)
  }
  if (taroEnv === 'h5') {
    if (asked === 'cloud') throw new Error('TUANKA_BACKEND=cloud is not possible on h5 (Taro.cloud exists only on weapp)')
    return 'gateway'
  }
  return (asked as Backend | undefined) || 'cloud'
}

function apiBaseFor(taroEnv: string | undefined, backend: Backend): string {
  if (process.env.TUANKA_API_BASE !== undefined) return process.env.TUANKA_API_BASE.replace(/\/+$/, '')
  if (backend === 'cloud' || taroEnv === 'h5') return '' // h5: same origin as the gateway
  return `http://127.0.0.1:${process.env.API_PORT || 8787}`
}

export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV
  const backend = backendFor(taroEnv)
  const apiBase = apiBaseFor(taroEnv, backend)
  const cloudEnv = process.env.TUANKA_CLOUD_ENV || 'tuanka-prod'
  // Path aliases (@/*, @core/*) come from the ROOT tsconfig, the same file tsc and jest read.
  // core/ (pure domain shared with the functions) lives outside src/: compile it like src.
  const compile = { include: [path.resolve(__dirname, '..', 'core')] }
  const tsconfigPathsArgs: [{ configFile: string }] = [{ configFile: path.resolve(__dirname, '..', 'tsconfig.json') }]
  // The barrels (src/features/*/index.ts, src/shared/*/index.ts) only re-export: marking them side-effect free lets
  // webpack drop what a page does not use (e.g. the home page must not pull the deal page's Swiper).
  const barrelFiles = /[\\/]src[\\/](features|shared)[\\/][^\\/]+[\\/]index\.ts$/

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tuanka',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [],
    defineConstants: {
      TUANKA_BACKEND: JSON.stringify(backend),
      TUANKA_API_BASE: JSON.stringify(apiBase),
      TUANKA_CLOUD_ENV: JSON.stringify(cloudEnv),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: true,
      // The constants above are part of the output: one cache per platform, mode and backend.
      name: `${process.env.NODE_ENV}-${taroEnv}-${backend}-${Buffer.from(apiBase + '|' + cloudEnv).toString('hex').slice(0, 40)}`,
    },
    // Taro's mini default writes every non-ASCII character as \uXXXX (6 bytes for a Chinese character that UTF-8
    // writes in 3): the product's own text is Chinese and mini-program sources are UTF-8, so keep it as it is (~8 KB
    // less in the weapp main package; h5's default already does).
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      compile,
      // Class names are namespaced per widget (tk-*, deal-card__*): the order of CSS chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin, tsconfigPathsArgs)
        chain.module.rule('tuanka-barrels').test(barrelFiles).set('sideEffects', false)
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin, tsconfigPathsArgs)
        chain.module.rule('tuanka-barrels').test(barrelFiles).set('sideEffects', false)
        // Taro splits only initial chunks, so every lazily loaded page chunk carried its own copy of the
        // component library (~200 KB each). Share modules between page chunks too, but not in slivers: Taro's
        // minSize 0 cut a page into ~30 scripts, each a round trip on a phone network (a shared card's page waited
        // 3 s for them). A route now loads at most 3 scripts; modules shared below 30 KB stay in the page's own chunk.
        const split = chain.optimization.get('splitChunks')
        if (split) chain.optimization.splitChunks({ ...split, chunks: 'all', minSize: 30_000, maxAsyncRequests: 3, maxInitialRequests: 4 })
        // index.html preloads the deal page's own scripts for deal links (a shared card's first screen).
        chain.plugin('tuanka-route-chunks').use(RouteChunksPlugin, ['pages/deal/index', '__TK_DEAL_CHUNKS__'])
        chain.plugin('tuanka-inline-css').use(InlineEntryCssPlugin)
        chain.plugin('tuanka-yielding-startup').use(YieldingStartupPlugin)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
