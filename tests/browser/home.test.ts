import { shot, startBrowserEnv, type BrowserEnv } from './support'

jest.setTimeout(90_000)

let env: BrowserEnv
beforeAll(async () => {
  env = await startBrowserEnv()
})
afterAll(() => env?.stop())

it('the h5 home page lists the demo deals from the deals function', async () => {
  const { page, stack } = env
  await page.goto(`${stack.apiUrl}/`)
  await page.getByText('双人下午茶套餐', { exact: false }).first().waitFor({ timeout: 30_000 })
  for (const title of ['单人拿铁券', '4人火锅套餐', '100 元代金券', '蛋糕三选一']) {
    await page.getByText(title, { exact: false }).first().waitFor()
  }
  // Prices come from the database in fen and are shown in yuan.
  await page.getByText('68', { exact: true }).first().waitFor()
  await shot(page, 'home')
  expect(env.consoleErrors).toEqual([])
})
