import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { OrderView } from '../../core/contracts/views'
import { formatCode } from '../../core/codes/redemption-code'
import { formatYuan } from '../../core/money/format-yuan'
import { startLocalStack } from '../../local/stack'
import { openidOf } from '../../local/seed/personas'
import { launchMiniProgram, WEAPP_DIR, type MiniProgram } from './support/mini-program'
import { callGateway } from '../support/gateway-call'

/**
 * The compiled order pages (production build) with a real order: placed, paid (local payment callback) and read
 * through the local functions; the page's wx.cloud.callFunction goes to the same stack.
 */
jest.setTimeout(60_000)

let stack: Awaited<ReturnType<typeof startLocalStack>>
let dataDir: string
let mp: MiniProgram
let order: OrderView
const buyer = openidOf('consumer')

const gateway = <T>(fn: string, action: string, input: unknown, openid?: string): Promise<T> => callGateway<T>(stack.apiUrl, fn, action, input, openid)

beforeAll(async () => {
  if (!existsSync(path.join(WEAPP_DIR, 'app.js'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test builds it)')
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuanka-weapp-order-'))
  stack = await startLocalStack({ dataDir, apiPort: 0, dbPort: 0, seed: true, quiet: true })
  const placed = await gateway<OrderView>('orders', 'place', { dealId: 'deal_tea_for_two', qty: 2, idempotencyKey: 'weapp-order-test-1', nickname: '小林' }, buyer)
  const pay = await gateway<{ package: string }>('payments', 'prepay', { orderId: placed.id }, buyer)
  const paid = await fetch(`${stack.apiUrl}/local/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pay.package }) })
  if (!paid.ok) throw new Error(`local pay failed: ${paid.status}`)
  order = await gateway<OrderView>('orders', 'get', { id: placed.id }, buyer)
  if (order.state !== 'paid' || order.codes.length !== 2) throw new Error(`order not paid: ${order.state}`)
  mp = launchMiniProgram({ apiPort: Number(new URL(stack.apiUrl).port), openid: buyer })
})

afterAll(async () => {
  await stack?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

it('order page: state, each code as text in groups of four and a QR canvas, amounts, shop and timeline', async () => {
  const page = await mp.openPage('pages/order/index', { id: order.id })
  await page.waitForText(formatCode(order.codes[0].code))
  const text = page.text()
  for (const c of order.codes) expect(text).toContain(formatCode(c.code))
  expect(text).toContain('待使用')
  expect(text).toContain('2 张券码待使用')
  expect(text).toContain(`实付金额¥${formatYuan(order.amountFen)}`)
  expect(text).toContain('随时退')
  expect(text).toContain('支付成功，券码已发放')
  await page.waitForText('适用门店') // shops.get answered
  expect(text).not.toMatch(/"ok"|INTERNAL|NETWORK|unused/)
  // One Canvas 2D per usable code, named after it (the id the page's selector query asks for).
  type WxNode = { __wxElement?: { id?: string } }
  const canvases = Array.from(page.comp.dom.querySelectorAll('*') as ArrayLike<Element>)
    .filter((el) => el.tagName.toLowerCase() === 'wx-canvas')
    .map((el) => (el as unknown as WxNode).__wxElement)
  expect(canvases.map((w) => w?.id).sort()).toEqual(order.codes.map((c) => `qr-${c.code}`).sort())
  expect(mp.cloudCalls.filter((c) => c.name === 'orders').map((c) => c.data)).toContainEqual({ action: 'get', input: { id: order.id } })
  // The view was saved for offline use.
  const saved = JSON.parse(String((globalThis as unknown as { wx: { getStorageSync(k: string): unknown } }).wx.getStorageSync(`tuanka.order.${order.id}`))) as { view: OrderView }
  expect(saved.view.codes.map((c) => c.code)).toEqual(order.codes.map((c) => c.code))
})

it('order page without network: the saved copy, marked as such', async () => {
  const cloud = (globalThis as unknown as { wx: { cloud: { callFunction: (o: { fail?: (e: unknown) => void; complete?: (e: unknown) => void }) => Promise<unknown> } } }).wx.cloud
  const online = cloud.callFunction
  cloud.callFunction = async (o) => {
    const err = { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' }
    o.fail?.(err)
    o.complete?.(err)
    throw err
  }
  try {
    const page = await mp.openPage('pages/order/index', { id: order.id })
    await page.waitForText('离线副本')
    expect(page.text()).toContain(formatCode(order.codes[1].code))
    expect(page.text()).toContain('联网后可以支付或退款')
  } finally {
    cloud.callFunction = online
  }
})

it('我的订单: the order with its state, amount and codes left; messages from orders.notifications', async () => {
  const page = await mp.openPage('pages/orders/index')
  // Orders and messages are two calls answered in either order (the deal's title is in both: wait for the row).
  await page.waitForText(`2 份 · 实付 ¥${formatYuan(order.amountFen)}`)
  await page.waitForText('支付成功')
  const text = page.text()
  expect(text).toContain('待使用')
  expect(text).toContain(`2 份 · 实付 ¥${formatYuan(order.amountFen)}`)
  expect(text).toContain('2 张可用')
  expect(text).toContain('消息')
  expect(text).toContain('支付成功')
  await page.tap('查看券码')
  expect(mp.calls.filter((c) => c.api === 'navigateTo').at(-1)?.options).toMatchObject({ url: `/pages/order/index?id=${order.id}` })
})
