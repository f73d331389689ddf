import type { Page } from 'playwright-core'
import { openidOf } from '../../local/seed/personas'
import { callFn, collectProblems, openPage, shot, startBrowserEnv, switchPersona, waitText, type BrowserEnv, type PageProblem } from './support'

/**
 * The owner's deal editor on the h5 build at 375×667: a save with mistakes lists them by the buttons and brings the
 * first one into view; each fixed field loses its error; a file that is not a picture is refused in words; then the
 * deal is saved and published, and can be bought at once.
 */
jest.setTimeout(120_000)

const OWNER = '店主 · 拾光咖啡'
const SHOP = 'shop_shiguang'
const TITLE = '周末双人火锅套餐'

let env: BrowserEnv
let problems: PageProblem[]
let api: string

beforeAll(async () => {
  env = await startBrowserEnv()
  api = env.stack.apiUrl
  problems = collectProblems(env.page)
})
afterAll(() => env?.stop())

/** artifacts/screenshots/editor-<name>.png (the h5 page scrolls inside .taro_page: what the phone's screen shows). */
const screen = (page: Page, name: string) => shot(page, `editor-${name}`)
const summary = (page: Page) => page.locator('.so-actions .so-summary__text').allInnerTexts()
const fieldError = (page: Page, anchor: string) => page.locator(`#${anchor} .st-field__error`)
/** Waits until a field's row is at the top of the screen (what pageScrollTo to it does). */
const scrolledTo = (page: Page, anchor: string) =>
  page.waitForFunction(
    (id) => {
      const top = document.getElementById(id)?.getBoundingClientRect().top ?? -1
      return top >= 0 && top < 120
    },
    anchor,
    { timeout: 10_000 },
  )

/** A real PNG photo, drawn by the browser itself. */
async function pngPhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 480
    c.height = 360
    const g = c.getContext('2d')!
    const grad = g.createLinearGradient(0, 0, 480, 360)
    grad.addColorStop(0, '#ff7a45')
    grad.addColorStop(1, '#b3261e')
    g.fillStyle = grad
    g.fillRect(0, 0, 480, 360)
    g.fillStyle = '#fff'
    g.font = 'bold 64px sans-serif'
    g.fillText('火锅', 170, 200)
    return c.toDataURL('image/png')
  })
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

async function choose(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser', { timeout: 20_000 })
  await page.getByText('添加图片', { exact: true }).click()
  await (await chooser).setFiles(file)
}

it('lists the mistakes by 保存, shows the first, clears each as it is fixed; then saves and publishes', async () => {
  const { page } = env
  await switchPersona(page, api, OWNER)
  await openPage(page, api, `/staff/deal-edit/index?shopId=${SHOP}`)
  await waitText(page, '保存为草稿', { timeout: 30_000 })
  await waitText(page, '开始时间已到：发布后顾客立即可以购买')
  await screen(page, '01-new-top')

  await page.locator('#deal-f-title input').fill(TITLE)
  await page.locator('#deal-f-stock input').fill('-5')
  await page.locator('#deal-f-price input').fill('99')
  // The owner is at the end of the form, where 发布 is, and taps it.
  const publish = page.locator('.so-actions .tk-button--primary')
  await publish.scrollIntoViewIfNeeded()
  await expect(publish.innerText()).resolves.toBe('发布')
  await waitText(page, '发布后顾客即可购买')
  await screen(page, '02-actions-before')
  await publish.click()

  await page.locator('.so-summary').waitFor({ timeout: 20_000 })
  await expect(summary(page)).resolves.toEqual(['请至少上传一张图片', '请填写原价', '库存不能小于 0'])
  // The page scrolls up to the first mistake (the pictures), near the top of the screen.
  await scrolledTo(page, 'deal-f-images')
  await expect(fieldError(page, 'deal-f-images').innerText()).resolves.toBe('请至少上传一张图片')
  await screen(page, '03-scrolled-to-first-error')
  await page.locator('.so-summary').scrollIntoViewIfNeeded()
  await screen(page, '04-summary-by-the-buttons')

  // A row of the summary jumps to its field.
  await page.locator('.so-summary__item', { hasText: '库存不能小于 0' }).click()
  await scrolledTo(page, 'deal-f-stock')
  await page.locator('#deal-f-stock input').fill('50')
  await expect(fieldError(page, 'deal-f-stock').count()).resolves.toBe(0)
  await expect(summary(page)).resolves.toEqual(['请至少上传一张图片', '请填写原价'])

  // A menu in PDF is not a picture: said in words, nothing uploaded, the error stays.
  await page.locator('#deal-f-images').scrollIntoViewIfNeeded()
  const mark = problems.length
  await choose(page, { name: '菜单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% menu\n') })
  await waitText(page, '选的文件不是图片，请选择 JPG、PNG 或 WebP 格式的照片')
  await expect(page.locator('.tk-upload__tile:not(.tk-upload__tile--pending)').count()).resolves.toBe(0)
  await screen(page, '05-not-a-picture')
  // Taro's h5 picker logs the PDF it could not draw (console.error of the image's error Event); that, and nothing else.
  const pickerLog = problems.slice(mark).filter((p) => p.text === 'Event' && /\/js\/[\w.]+\.js$/.test(p.url))
  expect(pickerLog.length).toBeLessThanOrEqual(1)

  await choose(page, { name: 'hotpot.png', mimeType: 'image/png', buffer: await pngPhoto(page) })
  await page.locator('.tk-upload__tile:not(.tk-upload__tile--pending)').first().waitFor({ timeout: 20_000 })
  await expect(fieldError(page, 'deal-f-images').count()).resolves.toBe(0)
  await page.locator('#deal-f-originalPrice input').fill('168')
  await expect(page.locator('.so-summary').count()).resolves.toBe(0)
  await expect(page.locator('.st-field--error').count()).resolves.toBe(0)

  await page.getByText('保存为草稿', { exact: true }).click()
  await waitText(page, '已保存为草稿，顾客还看不到')
  await expect(publish.innerText()).resolves.toBe('发布')
  await publish.scrollIntoViewIfNeeded()
  await screen(page, '06-saved-draft')
  await publish.click()
  await waitText(page, '已发布，顾客现在可以购买')
  await page.locator('.so-actions').scrollIntoViewIfNeeded()
  await screen(page, '07-published')
  // On sale, the strongest button is not 暂停售卖: it is quiet, under the line.
  await expect(page.locator('.tk-button--primary', { hasText: '暂停售卖' }).count()).resolves.toBe(0)
  await expect(page.locator('.so-quiet .tk-button', { hasText: '暂停售卖' }).count()).resolves.toBe(1)
  // Every section is still there, 成团 included.
  await expect(page.locator('.st-card__title', { hasText: /^成团$/ }).count()).resolves.toBe(1)
  await page.locator('#deal-f-stock').scrollIntoViewIfNeeded()
  await waitText(page, '剩余 50 份 · 已售 0 份')
  await screen(page, '08-stock-after-publish')
  await page.locator('.so-status-card').scrollIntoViewIfNeeded()
  await waitText(page, '售卖中')
  await screen(page, '09-status-after-publish')

  // Published with the default start: a buyer can buy it now.
  const mine = (await callFn<any[]>(api, 'deals', 'listForShop', { shopId: SHOP }, openidOf('owner'))).find((d) => d.title === TITLE)
  expect(mine).toMatchObject({ status: 'published', saleState: 'on_sale', stockLeft: 50, priceFen: 9900, originalPriceFen: 16800 })
  expect(mine.images).toHaveLength(1)
  const seen = await callFn<any>(api, 'deals', 'get', { id: mine.id }, openidOf('consumer'))
  expect(seen.saleState).toBe('on_sale')

  expect(problems.filter((p) => !pickerLog.includes(p))).toEqual([])
})
