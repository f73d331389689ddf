import dev from '../../config/dev'

/**
 * `npm start` serves the h5 app from the local gateway (same origin as the functions), which reads dist/h5. Taro's
 * h5 watch build runs webpack-dev-server, which by default keeps its output in memory: the gateway then answered
 * 503 "h5 应用尚未构建" forever on a fresh clone. These settings are what keeps README's quick start true.
 */
it('the h5 watch build writes to dist/h5 and injects no client that would look for the dev server', () => {
  const server = (dev as { h5: { devServer?: Record<string, unknown> } }).h5.devServer
  expect(server?.devMiddleware).toMatchObject({ writeToDisk: true })
  expect(server?.client).toBe(false)
  expect(server?.liveReload).toBe(false)
})
