import { getDb } from '../../server/platform/cloudbase'
import { ARTIFACTS, callFn, shot, startBrowserEnv, waitText, type BrowserEnv } from './support'

/**
 * The home feed as a buyer shops it: what can be bought first, the upcoming deal with its start time, the sold-out
 * one last; a search by shop name and one that finds nothing; a category; 附近 from the browser's location, and
 * a refused location answered with the whole feed and districts to pick. Screenshots feed-*.png.
 */
jest.setTimeout(180_000)

let env: BrowserEnv
beforeAll(async () => {
  env = await startBrowserEnv()
  // 蜀香's 100 元代金券 is sold out (its last units gone).
  await getDb().collection('deals').doc('deal_voucher_100').update({ stock: 0 })
  const voucher = await callFn<{ saleState: string }>(env.stack.apiUrl, 'deals', 'get', { id: 'deal_voucher_100' }, null)
  expect(voucher.saleState).toBe('sold_out')
})
afterAll(() => env?.stop())

const SHUXIANG = { latitude: 22.5431, longitude: 113.9436 }

async function titles(page: BrowserEnv['page']): Promise<string[]> {
  await page.locator('.deal-card__title').first().waitFor({ timeout: 30_000 })
  return page.locator('.deal-card__title').allTextContents()
}

async function search(page: BrowserEnv['page'], q: string) {
  await page.locator('.home__search-input input').fill(q)
  await page.locator('.home__search-go').click()
}

it('orders the feed for buying, searches, filters by category and shows 附近 by distance', async () => {
  const { page, stack } = env
  await page.context().grantPermissions(['geolocation'], { origin: stack.apiUrl })
  await page.context().setGeolocation(SHUXIANG)
  await page.goto(`${stack.apiUrl}/`)
  await waitText(page, '单人拿铁券', { timeout: 30_000 })

  // On sale (none sold yet: newest first), then the cakes that open tomorrow, then the sold-out voucher.
  expect(await titles(page)).toEqual([
    '4人火锅套餐｜鸳鸯锅底 + 招牌毛肚 + 12 道菜',
    '单人拿铁券｜招牌燕麦拿铁一杯',
    '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
    '蛋糕三选一｜巴斯克 / 提拉米苏 / 抹茶千层',
    '100 元代金券｜全场通用，可叠加使用',
  ])
  const cakes = page.locator('.deal-card', { hasText: '蛋糕三选一' })
  expect(await cakes.textContent()).toMatch(/即将开抢.*\d+月\d+日 \d\d:\d\d 开抢/)
  await waitText(page, '以下团购已售罄或已结束')
  expect(await page.locator('.deal-card', { hasText: '100 元代金券' }).textContent()).toContain('已售罄')
  await shot(page, 'feed-01-order')
  // The end of the feed: the upcoming cakes with their start, then the sold-out voucher under its divider.
  await page.locator('.home__footer').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${ARTIFACTS}/feed-01b-order-end.png` })
  await page.locator('.home__search-input input').scrollIntoViewIfNeeded()

  await search(page, '蜀香')
  await page.waitForFunction(() => document.querySelectorAll('.deal-card').length === 2)
  expect(await titles(page)).toEqual(['4人火锅套餐｜鸳鸯锅底 + 招牌毛肚 + 12 道菜', '100 元代金券｜全场通用，可叠加使用'])
  await shot(page, 'feed-02-search')

  await search(page, '😀 .*[( 火锅$')
  await waitText(page, '没有找到与“😀 .*[( 火锅$”相关的团购')
  await shot(page, 'feed-03-search-empty')
  await page.getByText('清除搜索', { exact: true }).click()
  await page.waitForFunction(() => document.querySelectorAll('.deal-card').length === 5)

  await page.locator('.home__cat', { hasText: '咖啡茶饮' }).click()
  await page.waitForFunction(() => document.querySelectorAll('.deal-card').length === 3)
  expect(await titles(page)).toEqual(['单人拿铁券｜招牌燕麦拿铁一杯', '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份', '蛋糕三选一｜巴斯克 / 提拉米苏 / 抹茶千层'])
  await shot(page, 'feed-04-category')
  await page.locator('.home__cat', { hasText: '全部' }).click()
  await page.waitForFunction(() => document.querySelectorAll('.deal-card').length === 5)

  // 附近 from 蜀香's door: its hotpot first (0 m), 拾光咖啡 about 2.8 km away, the sold-out voucher still last.
  await page.locator('.home__tab', { hasText: '附近' }).click()
  await waitText(page, '蜀香老火锅（科技园店） · 10m')
  expect(await titles(page)).toEqual([
    '4人火锅套餐｜鸳鸯锅底 + 招牌毛肚 + 12 道菜',
    '单人拿铁券｜招牌燕麦拿铁一杯',
    '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
    '蛋糕三选一｜巴斯克 / 提拉米苏 / 抹茶千层',
    '100 元代金券｜全场通用，可叠加使用',
  ])
  expect(await page.locator('.deal-card', { hasText: '单人拿铁券' }).textContent()).toContain('拾光咖啡（万象城店） · 2.8km')
  await shot(page, 'feed-05-near')
  expect(env.consoleErrors).toEqual([])
})

it('a refused location says so calmly, shows the whole feed, and a district gives 附近', async () => {
  const { stack, browser } = env
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(`${stack.apiUrl}/`)
  await waitText(page, '单人拿铁券', { timeout: 30_000 })
  await page.locator('.home__tab', { hasText: '附近' }).click()
  await waitText(page, '没有拿到你的位置，先为你展示全部团购')
  expect(await titles(page)).toHaveLength(5)
  await shot(page, 'feed-06-location-refused')

  await page.locator('.home__districts .home__cat', { hasText: '南山区' }).click()
  await waitText(page, '附近 · 南山区')
  await waitText(page, 'km')
  expect(await page.locator('.deal-card__shop').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/ · \d+(\.\d)?km$/)]))
  await shot(page, 'feed-07-district')
  expect(errors).toEqual([])
  await context.close()
})
