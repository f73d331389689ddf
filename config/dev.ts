import type { UserConfigExport } from "@tarojs/cli"

export default {
   logger: {
    quiet: false,
    stats: true
  },
  mini: {},
  h5: {
    // `npm start` serves the h5 app from the local gateway (one origin with the API), which reads dist/h5: the
    // watch build must write its output there, not only keep it in the dev server's memory.
    devServer: {
      devMiddleware: { writeToDisk: true },
      open: false,
      host: '127.0.0.1',
      // The page comes from the gateway, not this server: no reload client that would look for it there (reload
      // the page after an edit). Hot mode stays on: Taro's React refresh transform expects its runtime.
      liveReload: false,
      client: false,
    },
  },
} satisfies UserConfigExport<'webpack5'>
