import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DealCard } from '../../core/contracts/views'
import { formatYuan } from '../../core/money/format-yuan'
import { startLocalStack } from '../../local/stack'
import { launchMiniProgram, WEAPP_DIR, type MiniProgram } from './support/mini-program'
import { callGateway } from '../support/gateway-call'

/**
 * The compiled mini-program (production build: cloud backend) against the real functions: wx.cloud.callFunction
 * is forwarded to a fresh local stack (database + gateway, demo data) over HTTP.
 */
jest.setTimeout(60_000)

let stack: Awaited<ReturnType<typeof startLocalStack>>
let dataDir: string
let mp: MiniProgram

const gateway = <T>(fn: string, action: string, input: unknown, openid?: string): Promise<T> => callGateway<T>(`http://127.0.0.1:${process.env.API_PORT}`, fn, action, input, openid)

beforeAll(async () => {
  if (!existsSync(path.join(WEAPP_DIR, 'app.js'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test builds it)')
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-weapp-'))
  stack = await startLocalStack({ dataDir, apiPort: 0, dbPort: 0, seed: true, quiet: true })
  process.env.API_PORT = new URL(stack.apiUrl).port
  mp = launchMiniProgram({ apiPort: Number(process.env.API_PORT) })
})

afterAll(async () => {
  await stack?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

it('home page: lists the published deals from the deals function, with prices in yuan', async () => {
  const expected = await gateway<{ items: DealCard[] }>('deals', 'list', { limit: 20 })
  expect(expected.items.length).toBeGreaterThan(0)

  const page = await mp.openPage('pages/index/index')
  await page.waitForText(expected.items[0].title)
  const text = page.text()
  for (const d of expected.items) {
    expect(text).toContain(d.title)
    expect(text).toContain(`¥${formatYuan(d.priceFen)}`)
    expect(text).toContain(d.shopName)
    if (d.saleState === 'sold_out') expect(text).toContain('已售罄')
    if (d.saleState === 'not_started') expect(text).toContain('即将开抢')
  }
  expect(text).toContain('随时退')
  // The page asked the cloud, and the cloud (the local functions) answered.
  const call = mp.cloudCalls.find((c) => c.name === 'deals')
  expect(call?.data).toEqual({ action: 'list', input: { limit: 20 } })
  expect(call?.result).toEqual({ ok: true, data: expected })
  expect(text).not.toMatch(/"ok"|INTERNAL|NETWORK/)
  // wx.cloud.init ran once, with the build-time environment, before the first function call.
  const apis = mp.calls.map((c) => c.api)
  expect(mp.calls.filter((c) => c.api === 'cloud.init')).toEqual([{ api: 'cloud.init', options: { env: 'tuanka-prod', traceUser: true } }])
  expect(apis.indexOf('cloud.init')).toBeLessThan(apis.indexOf('cloud.callFunction'))
})

it('home page: tapping a deal opens its page', async () => {
  const { items } = await gateway<{ items: DealCard[] }>('deals', 'list', { limit: 20 })
  const page = await mp.openPage('pages/index/index')
  await page.waitForText(items[0].title)
  await page.tap(items[0].title)
  expect(mp.calls.filter((c) => c.api === 'navigateTo').at(-1)?.options).toMatchObject({ url: `/pages/deal/index?id=${items[0].id}` })
})

it('deal page: detail, state-aware buy button, share card', async () => {
  const { items } = await gateway<{ items: DealCard[] }>('deals', 'list', { limit: 20 })
  const onSale = items.find((d) => d.saleState === 'on_sale')
  if (!onSale) throw new Error('the demo data has no deal on sale')
  const page = await mp.openPage('pages/deal/index', { id: onSale.id })
  await page.waitForText('购买须知')
  expect(page.text()).toContain(onSale.title)
  expect(page.text()).toContain(`¥${formatYuan(onSale.priceFen)}`)
  expect(page.text()).toContain('适用门店')
  await page.tap('立即抢购')
  await page.waitForText('购买数量') // the checkout sheet
  expect(page.text()).toContain(`立即支付 ¥${formatYuan(onSale.priceFen)}`)
  // The card's path carries what the card shows, so the page opened from it paints at once.
  expect(page.fire('onShareAppMessage', { from: 'button' })).toMatchObject({
    title: `¥${formatYuan(onSale.priceFen)} ${onSale.title}`,
    path: `/pages/deal/index?id=${onSale.id}&t=${encodeURIComponent(onSale.title)}&p=${onSale.priceFen}&c=${encodeURIComponent(onSale.cover)}`,
  })
})

it('deal page from a shared card: its one call (deals.page) is issued while the page loads, before its first render', async () => {
  const { items } = await gateway<{ items: DealCard[] }>('deals', 'list', { limit: 20 })
  const deal = items.find((d) => d.saleState === 'on_sale')!
  const from = mp.timeline.length
  const page = await mp.openPage('pages/deal/index', { id: deal.id, t: encodeURIComponent(deal.title), p: String(deal.priceFen), c: encodeURIComponent(deal.cover) })
  const own = () => mp.timeline.slice(from).filter((e) => e.kind === 'call' || e.what === 'pages/deal/index')
  await page.waitForText('购买须知')
  const firstPaint = own().findIndex((e) => e.kind === 'setData')
  expect(own().slice(0, firstPaint)).toEqual([{ kind: 'call', what: 'deals.page' }])
  // And nothing else for the deal: the buyers and reviews came with it.
  expect(own().filter((e) => e.kind === 'call' && e.what.startsWith('deals.'))).toEqual([{ kind: 'call', what: 'deals.page' }])
  expect(page.text()).toContain(deal.title)
})

it('我的: the caller identity comes from the cloud; an owner sees the work areas, never the local persona switcher', async () => {
  mp.identity.openid = 'o_demo_owner_a'
  const page = await mp.openPage('pages/me/index')
  await page.waitForText('工作台')
  expect(page.text()).toContain('核销券码')
  expect(page.text()).toContain('店主')
  expect(page.text()).not.toContain('切换身份')
  mp.identity.openid = null
})
