import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { chinaDayStart } from '../../core/shops/days'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { AMOUNT_COLUMNS, columnFen, readSettlement } from '../support/settlement-csv'
import { ARTIFACTS, callFn, collectProblems, openPage, shot, startBrowserEnv, switchPersona, waitText, type BrowserEnv, type PageProblem } from './support'

/**
 * The owner reconciles money on the h5 build at 375×667: the dashboard's 收入 − 退款 = 净收入 (today, 30 days, per
 * day) against the 对账单 the owner exports from the same page. Purchases, a redemption and refunds are set up
 * through the gateway (buying and refunding are journeys.test.ts's subject); what the owner reads and exports goes
 * through the page.
 */
jest.setTimeout(120_000)

const OWNER = '店主 · 拾光咖啡'
const SHOP = 'shop_shiguang'
const DEAL = 'deal_tea_for_two'
const BUYER = openidOf('consumer2')

let env: BrowserEnv
let problems: PageProblem[]
let api: string
let today = ''
let earlierDay = ''

/** "¥459.40" / "-¥68.00" as the page writes money, back to fen. */
const fenOf = (text: string) => {
  const m = /^(-?)¥(\d+)\.(\d{2})$/.exec(text.trim())
  if (!m) throw new Error(`not money as the dashboard writes it: ${text}`)
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]))
}

async function buy(qty: number): Promise<{ id: string; codes: string[] }> {
  const placed = await callFn(api, 'orders', 'place', { dealId: DEAL, qty, idempotencyKey: randomBytes(8).toString('hex') }, BUYER)
  const pre = await callFn(api, 'payments', 'prepay', { orderId: placed.id }, BUYER)
  const paid = await fetch(`${api}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pre.package }) })
  expect(paid.status).toBe(200)
  const order = await callFn(api, 'orders', 'get', { id: placed.id }, BUYER)
  return { id: placed.id, codes: order.codes.map((c: { code: string }) => c.code) }
}

beforeAll(async () => {
  env = await startBrowserEnv()
  api = env.stack.apiUrl
  problems = collectProblems(env.page)
  const before = await callFn(api, 'shops', 'dashboard', { shopId: SHOP }, openidOf('owner'))
  today = before.money.today.day
  earlierDay = before.money.daily[26].day
  // Today: 2 units bought, one used at the counter, the other refunded.
  const o = await buy(2)
  await callFn(api, 'redemption', 'confirm', { codes: [o.codes[0]], idempotencyKey: randomBytes(8).toString('hex') }, openidOf('staff'))
  await callFn(api, 'orders', 'refund', { orderId: o.id, codes: [o.codes[1]] }, BUYER)
  // Bought three days ago (its payment moved there) and refunded today: today's 退款, that day's 收入.
  const old = await buy(1)
  await getDb().collection('orders').doc(old.id).update({ paidAt: new Date(chinaDayStart(earlierDay) + 15 * 3600 * 1000) })
  await callFn(api, 'orders', 'refund', { orderId: old.id, codes: [old.codes[0]] }, BUYER)
})
afterAll(() => env?.stop())

afterEach(() => {
  expect(problems).toEqual([])
})

it("the owner's 净收入 (today, 30 days, each day) equals the 合计 of the 对账单 the owner exports for those days", async () => {
  const { page } = env
  await switchPersona(page, api, OWNER)
  await openPage(page, api, '/staff/dashboard/index')
  await waitText(page, '收入与退款', { timeout: 30_000 })
  const receipt = async (which: 'today' | 'period') => {
    const r = page.locator(`.sd-receipt--${which}`)
    return {
      grossFen: fenOf(await r.locator('.sd-gross').innerText()),
      refundedFen: -fenOf(await r.locator('.sd-refunded').innerText()),
      netFen: fenOf(await r.locator('.sd-net').innerText()),
    }
  }
  const shownToday = await receipt('today')
  const shown30 = await receipt('period')
  expect(shown30.netFen).toBe(shown30.grossFen - shown30.refundedFen)
  expect(shownToday.refundedFen).toBeGreaterThanOrEqual(2 * 6800)
  await shot(page, 'money-01-owner-dashboard')
  await page.locator('.sd-money').screenshot({ path: path.join(ARTIFACTS, 'money-02-money-card.png') })

  // The owner exports 近 30 天 from the same page; the client receives the CSV from shops.exportCsv.
  const exportCard = page.locator('.sd-export')
  await exportCard.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await exportCard.locator('.st-chip', { hasText: '近 30 天' }).click()
  const reply = page.waitForResponse((r) => r.url().endsWith('/fn/shops') && (r.request().postData() ?? '').includes('"exportCsv"'), { timeout: 30_000 })
  const go = exportCard.locator('.sd-export__go .tk-button')
  // The page scrolls inside Taro's pull-to-refresh box: bring the button to its middle before tapping.
  await go.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  // (Playwright's own scrolling before a click lands it under that box's edge: tap where the button is.)
  const box = (await go.boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const res = await reply
  const asked = JSON.parse(res.request().postData() ?? '{}').input as { from: string; to: string }
  const body = (await res.json()) as { ok: boolean; data: { filename: string; csv: string } }
  expect(body.ok).toBe(true)
  await waitText(page, `已下载 ${body.data.filename}`)
  await page.locator('.sd-export').screenshot({ path: path.join(ARTIFACTS, 'money-03-export-done.png') })

  const s = readSettlement(body.data.csv)
  expect(asked.to).toBe(today)
  const money = { grossFen: s.total.fen('收入(元)'), refundedFen: s.total.fen('退款(元)'), netFen: s.total.fen('净收入(元)') }
  expect(money).toEqual(shown30)
  for (const c of AMOUNT_COLUMNS) expect(columnFen(s, c)).toBe(s.total.fen(c))
  expect(s.nonNumbers).toEqual([])
  for (const r of s.rows) expect(r.cells['团购']).not.toBe('')
  const rowsOf = (day: string) => s.rows.filter((r) => r.cells['日期'] === day)
  const dayMoney = (day: string) => ({ grossFen: columnFen(s, '收入(元)', rowsOf(day)), refundedFen: columnFen(s, '退款(元)', rowsOf(day)), netFen: columnFen(s, '净收入(元)', rowsOf(day)) })
  expect(dayMoney(today)).toEqual(shownToday)

  // Each day on the chart: tap its bar, read 收入 − 退款 = 净收入, compare with the CSV's rows of that day.
  const cols = page.locator('.sd-money .st-chart__col')
  await expect(cols.count()).resolves.toBe(30)
  const first = (await cols.first().getAttribute('data-day')) ?? ''
  expect(first).toBe(asked.from)
  await page.locator(`.sd-money .st-chart__col[data-day="${earlierDay}"]`).click()
  const detail = (await page.locator('.sd-money .st-chart__detail').innerText()).trim()
  const [g, r, n] = /^收入 (\S+) − 退款 (\S+) = 净收入 (\S+)$/.exec(detail)!.slice(1).map(fenOf)
  expect({ grossFen: g, refundedFen: r, netFen: n }).toEqual(dayMoney(earlierDay))
  await page.locator('.sd-money').screenshot({ path: path.join(ARTIFACTS, 'money-04-earlier-day.png') })
})
