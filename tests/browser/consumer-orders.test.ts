import { randomBytes } from 'node:crypto'
import { openidOf } from '../../local/seed/personas'
import { callFn, collectProblems, openPage, shot, startBrowserEnv, switchPersona, waitText, type BrowserEnv, type PageProblem } from './support'

/**
 * 我的订单 as a buyer meets it on the h5 build at 375×667: the status tabs, an unpaid order cancelled from its
 * page (asked first; stock back on the deal), back through the h5 title bar (the stand-in for WeChat's navigation
 * bar), and a partly refunded order reading 实付 / 已退款 / 实际支付. The purchases are set up through the gateway
 * (buying is journeys.test.ts's subject); everything the buyer does here goes through the page.
 */
jest.setTimeout(120_000)

const BUYER_LABEL = '顾客 · 小林'
const BUYER = openidOf('consumer')
const key = () => randomBytes(8).toString('hex')

let env: BrowserEnv
let problems: PageProblem[]
let api: string
let pendingId = ''
let partlyId = ''
let stockBeforePending = 0

/** Taro's h5 pages slide in: the picture is taken once the newest page stands at the left edge. */
const shotOf = async (name: string) => {
  await env.page.waitForFunction(() => {
    const pages = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none')
    const top = pages[pages.length - 1]
    return !top || Math.abs(top.getBoundingClientRect().left) < 1
  }, undefined, { timeout: 5_000 })
  await shot(env.page, `orders-${name}`)
}
const stockOf = async (id: string) => (await callFn(api, 'deals', 'get', { id }, null)).stockLeft as number
const tab = (label: string) => env.page.locator('.orders-tabs__tab', { hasText: label })

beforeAll(async () => {
  env = await startBrowserEnv()
  api = env.stack.apiUrl
  problems = collectProblems(env.page)
  // A paid order of two with one code refunded (¥136 paid, ¥68 back), then an unpaid order, the newest.
  const placed = await callFn(api, 'orders', 'place', { dealId: 'deal_tea_for_two', qty: 2, idempotencyKey: key() }, BUYER)
  const pre = await callFn(api, 'payments', 'prepay', { orderId: placed.id }, BUYER)
  const paid = await fetch(`${api}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pre.package }) })
  expect(paid.status).toBe(200)
  const order = await callFn(api, 'orders', 'get', { id: placed.id }, BUYER)
  await callFn(api, 'orders', 'refund', { orderId: placed.id, codes: [order.codes[1].code] }, BUYER)
  partlyId = placed.id
  stockBeforePending = await stockOf('deal_latte')
  pendingId = (await callFn(api, 'orders', 'place', { dealId: 'deal_latte', qty: 1, idempotencyKey: key() }, BUYER)).id
  expect(await stockOf('deal_latte')).toBe(stockBeforePending - 1)
})
afterAll(() => env?.stop())

afterEach(() => {
  expect(problems).toEqual([])
})

it('1. 我的订单 has status tabs; 待付款 lists only the unpaid order', async () => {
  const { page } = env
  await switchPersona(page, api, BUYER_LABEL)
  await openPage(page, api, '/pages/orders/index')
  await page.locator('.order-row').first().waitFor({ timeout: 30_000 })
  await expect(page.locator('.orders-tabs__tab').allInnerTexts()).resolves.toEqual(['全部', '待付款', '待使用', '拼团中', '已完成', '退款'])
  await shotOf('01-all')
  await tab('待付款').click()
  await page.waitForFunction(() => [...document.querySelectorAll('.order-row__state')].every((e) => e.textContent === '待支付'))
  const states = await page.locator('.order-row__state').allInnerTexts()
  expect(states.length).toBeGreaterThan(0)
  expect(new Set(states)).toEqual(new Set(['待支付']))
  await shotOf('02-tab-pending')
})

it('2. the unpaid order is cancelled from its page after confirming; its stock is back on the deal', async () => {
  const { page } = env
  await page.locator('.order-row').first().click()
  await waitText(page, '取消订单')
  await expect(page.locator('.h5-bar__title').innerText()).resolves.toBe('订单详情')
  await shotOf('03-unpaid-order')
  await page.locator('.order-bar').getByText('取消订单', { exact: true }).click()
  const modal = page.locator('.taro__modal')
  await modal.getByText('取消后库存释放').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.taro__modal') as Element).opacity === '1', undefined, { timeout: 5_000 })
  await shotOf('04-cancel-confirm')
  await modal.locator('.taro-model__confirm').click()
  await waitText(page, '你已取消订单')
  await page.waitForFunction(() => [...document.querySelectorAll('.taro__modal')].every((m) => getComputedStyle(m).display === 'none'), undefined, { timeout: 5_000 })
  await expect(page.locator('.order-head__state').innerText()).resolves.toBe('已关闭')
  await expect(page.locator('.order-bar').getByText('去支付').count()).resolves.toBe(0)
  await waitText(page, '已取消订单')
  await shotOf('05-cancelled')
  const server = await callFn(api, 'orders', 'get', { id: pendingId }, BUYER)
  expect(server.state).toBe('closed')
  expect(await stockOf('deal_latte')).toBe(stockBeforePending)
})

it('3. the h5 title bar goes back to 我的订单, where 待付款 no longer holds the order', async () => {
  const { page } = env
  await page.locator('.h5-bar__back').click()
  await page.locator('.orders-tabs').waitFor({ timeout: 20_000 })
  await tab('全部').click()
  await tab('待付款').click()
  await page.waitForFunction(() => ![...document.querySelectorAll('.order-row__state')].some((e) => e.textContent === '待支付'), undefined, { timeout: 20_000 })
  await shotOf('06-back-tab-pending')
})

it('4. 退款 lists the partly refunded order; its page reads 实付金额 / 已退款 / 实际支付', async () => {
  const { page } = env
  await tab('退款').click()
  const row = page.locator('.order-row', { hasText: '实付 ¥136 · 已退 ¥68' }).first()
  await row.waitFor({ timeout: 20_000 })
  await shotOf('07-tab-refund')
  await row.click()
  await waitText(page, '实际支付')
  const facts = await page.locator('.order-facts__row').allInnerTexts()
  expect(facts.slice(0, 3).map((f) => f.replace(/\s+/g, ''))).toEqual(['实付金额¥136', '已退款−¥68', '实际支付¥68'])
  // The order number in groups of four, never the raw id.
  const number = await page.locator('.order-facts__ref').innerText()
  expect(number).toMatch(/^([0-9A-F]{4} ){5}[0-9A-F]{4}$/)
  expect(await page.locator('.order-page').innerText()).not.toContain(partlyId)
  await page.locator('.order-facts__ref').scrollIntoViewIfNeeded()
  await shotOf('08-refund-breakdown')
})

it('5. a deal opened from a link: the bar says 团购详情 and back leads home (nothing behind it)', async () => {
  const { page } = env
  await openPage(page, api, '/pages/deal/index?id=deal_tea_for_two')
  await page.locator('.deal-summary').waitFor({ timeout: 30_000 })
  await expect(page.locator('.h5-bar__title').innerText()).resolves.toBe('团购详情')
  await shotOf('09-deal')
  await page.locator('.h5-bar__back').click()
  await page.locator('.home__title').waitFor({ timeout: 20_000 })
  expect(page.url()).toMatch(/pages\/index\/index|#\/?$/)
})

it('6. within 3 days of its end the deal counts down, second by second', async () => {
  const { page } = env
  const deal = await callFn(api, 'deals', 'get', { id: 'deal_tea_for_two' }, null)
  const moved = await fetch(`${api}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date(deal.saleEnd - 5 * 3600_000).toISOString() }) })
  expect(moved.status).toBe(200)
  await openPage(page, api, '/pages/deal/index?id=deal_tea_for_two')
  const window = page.locator('.deal-summary__window')
  await window.waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => /^距结束 0[45]:\d\d:\d\d$/.test(document.querySelector('.deal-summary__window')?.textContent ?? ''), undefined, { timeout: 20_000 })
  const first = await window.innerText()
  await page.waitForFunction((was) => document.querySelector('.deal-summary__window')?.textContent !== was, first, { timeout: 10_000 })
  await shotOf('10-deal-countdown')
  await fetch(`${api}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) })
})
