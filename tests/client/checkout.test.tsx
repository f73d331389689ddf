import { act } from 'react'
import DealPage from '@/pages/deal/index'
import { boundHint, clampQty, newIdempotencyKey, qtyBounds } from '@/features/checkout'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, dealDetail } from './support/fake-backend'
import { FakeShop } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

function shop(over: Parameters<typeof dealDetail>[0] = { id: 'deal_tea', title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份' }) {
  return new FakeShop(new FakeBackend(), dealDetail(over)).install()
}

const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key)

async function openSheet(params: Record<string, string> = { id: 'deal_tea' }): Promise<Rendered> {
  taroMock.router.params = params
  const r = await render(<DealPage />)
  await waitForText(r, '立即抢购')
  await click(getByText(r, '立即抢购'))
  await waitForText(r, '购买数量')
  return r
}

const sheet = (r: Rendered) => r.container.querySelector('.ck-sheet') as HTMLElement
const qtyShown = (r: Rendered) => Number(sheet(r).querySelector('.ck-stepper__value')?.textContent)
const plus = (r: Rendered) => click(sheet(r).querySelector('[aria-label="增加"]') as HTMLElement)
const minus = (r: Rendered) => click(sheet(r).querySelector('[aria-label="减少"]') as HTMLElement)
const submitButton = (r: Rendered) => sheet(r).querySelector('.ck-submit .tk-button') as HTMLElement

async function type(r: Rendered, selector: string, value: string) {
  const el = sheet(r).querySelector(selector) as HTMLElement
  await act(async () => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

describe('quantity', () => {
  it('is bounded by the per-user limit, then says why', async () => {
    shop({ id: 'deal_tea', title: '双人下午茶', perUserLimit: 3, stockLeft: 114, priceFen: 6800 })
    const r = await openSheet()
    expect(qtyShown(r)).toBe(1)
    expect(sheet(r).textContent).toContain('立即支付 ¥68')
    await minus(r)
    expect(qtyShown(r)).toBe(1) // never below 1
    for (let i = 0; i < 5; i++) await plus(r)
    expect(qtyShown(r)).toBe(3)
    expect(sheet(r).textContent).toContain('每人限购 3 份')
    expect(sheet(r).querySelector('.ck-row__hint--bound')).not.toBeNull()
    expect(sheet(r).textContent).toContain('立即支付 ¥204') // total in yuan from fen: 3 × 6800
  })

  it('is bounded by the stock left and by 20 per order', async () => {
    shop({ id: 'deal_tea', title: '双人下午茶', perUserLimit: 10, stockLeft: 2 })
    let r = await openSheet()
    for (let i = 0; i < 4; i++) await plus(r)
    expect(qtyShown(r)).toBe(2)
    expect(sheet(r).textContent).toContain('仅剩 2 份')
    cleanup()

    shop({ id: 'deal_tea', title: '双人下午茶', perUserLimit: 99, stockLeft: 500, priceFen: 1990 })
    r = await openSheet()
    for (let i = 0; i < 25; i++) await plus(r)
    expect(qtyShown(r)).toBe(20)
    expect(sheet(r).textContent).toContain('每单最多 20 份')
    expect(sheet(r).textContent).toContain('¥398') // 20 × 19.9
  })

  it('qtyBounds / clampQty / boundHint', () => {
    expect(qtyBounds({ perUserLimit: 5, stockLeft: 114 })).toEqual({ max: 5, bound: 'limit' })
    expect(qtyBounds({ perUserLimit: 5, stockLeft: 3 })).toEqual({ max: 3, bound: 'stock' })
    expect(qtyBounds({ perUserLimit: 99, stockLeft: 1000 })).toEqual({ max: 20, bound: 'order' })
    expect(qtyBounds({ perUserLimit: 5, stockLeft: 0 })).toEqual({ max: 0, bound: 'stock' })
    expect([clampQty(0, 5), clampQty(9, 5), clampQty(3, 5), clampQty(1, 0)]).toEqual([1, 5, 3, 0])
    expect(boundHint(0, 'stock')).toBe('已售罄')
  })
})

describe('the local payment flow', () => {
  it('places the order with the share and group, pays on the simulated sheet, waits for paid, opens the order', async () => {
    const s = shop()
    const r = await openSheet({ id: 'deal_tea', s: 'AbC12345', g: 'g_neighbours' })
    await plus(r)
    await type(r, '.ck-nickname', '张小北')
    await waitForText(r, '接龙中显示为「张**」')
    await type(r, '.ck-phone', '13800138000')
    await click(submitButton(r))

    // The simulated 微信支付 sheet: amount and what is paid for.
    await waitForText(r, '确认支付')
    const pay = r.container.querySelector('.wx-sheet') as HTMLElement
    expect(pay.textContent).toContain('微信支付')
    expect(pay.textContent).toContain('¥136')
    expect(pay.textContent).toContain('团卡-双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份')
    expect(calls(s, 'orders.place')).toHaveLength(1)
    const placed = calls(s, 'orders.place')[0].input
    expect(placed).toMatchObject({ dealId: 'deal_tea', qty: 2, nickname: '张小北', phone: '13800138000', shareCode: 'AbC12345', groupCloudID: 'cid-g_neighbours' })
    expect(String(placed.idempotencyKey)).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
    expect(calls(s, 'payments.prepay').map((c) => c.input)).toEqual([{ orderId: 'o_1' }])
    expect(s.localPays).toEqual([])

    await click(getByText(r, '确认支付'))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(s.localPays).toEqual(['prepay_id=wx_o_1'])
    expect(calls(s, 'orders.get').length).toBeGreaterThanOrEqual(1)
    expect(s.orders.get('o_1')?.state).toBe('paid')
    // The sheets are gone and the deal was read again (stock moved).
    expect(r.container.querySelector('.ck-sheet')).toBeNull()
    expect(r.container.querySelector('.wx-sheet')).toBeNull()
    expect(calls(s, 'deals.page').length).toBeGreaterThanOrEqual(2)
    // promoters.visit once, with the share code and the group.
    expect(calls(s, 'promoters.visit').map((c) => c.input)).toEqual([{ shareCode: 'AbC12345', groupCloudID: 'cid-g_neighbours' }])
  })

  it('a slow payment callback: keeps asking orders.get until the order is paid', async () => {
    const s = shop()
    s.callbackLag = 2
    const r = await openSheet()
    await click(submitButton(r))
    await waitForText(r, '确认支付')
    await click(getByText(r, '确认支付'))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }), 5000)
    expect(calls(s, 'orders.get')).toHaveLength(3)
  })

  it('WeChat Pay (production provider): Taro.requestPayment with the prepay parameters, then the order page', async () => {
    const s = shop()
    s.provider = 'wechat'
    // WeChat calls the payments function back after the buyer paid: here, while the sheet is "open".
    taroExtras.requestPayment.mockImplementationOnce(async () => {
      s.markPaid('o_1')
      return { errMsg: 'requestPayment:ok' }
    })
    const r = await openSheet()
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(taroExtras.requestPayment).toHaveBeenCalledWith({ timeStamp: '1795000000', nonceStr: 'n0nce', package: 'prepay_id=wx_o_1', signType: 'RSA', paySign: 'sig' })
    expect(s.localPays).toEqual([]) // never the local sheet
  })

  it('WeChat Pay cancelled: the order waits, the button offers 继续支付', async () => {
    const s = shop()
    s.provider = 'wechat'
    taroExtras.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' })
    const r = await openSheet()
    await click(submitButton(r))
    await waitForText(r, '支付已取消，订单保留到 11月23日 14:15，可继续支付')
    expect(submitButton(r).textContent).toBe('继续支付 ¥68')
    expect(taroMock.navigateTo).not.toHaveBeenCalled()
    expect(s.orders.get('o_1')?.state).toBe('pending_payment')
  })
})

describe('idempotency', () => {
  it('one key per attempt: a failed try and a cancelled payment are retried with the same key, the same order', async () => {
    const s = shop()
    s.backend.failNext('orders.place', 'INTERNAL')
    const r = await openSheet()
    await click(submitButton(r))
    await waitForText(r, '服务开小差了，请稍后再试')

    await click(submitButton(r)) // retry
    await waitForText(r, '确认支付')
    await click(getByText(r, '取消')) // cancels the payment sheet
    await waitForText(r, '支付已取消，订单保留到 11月23日 14:15，可继续支付') // payBefore, China time
    expect(sheet(r).textContent).toContain('继续支付 ¥68')

    await click(submitButton(r)) // 继续支付
    await waitForText(r, '确认支付')
    const keys = calls(s, 'orders.place').map((c) => c.input.idempotencyKey)
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
    expect(s.orders.size).toBe(1) // one order, stock taken once
    await click(getByText(r, '确认支付'))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))

    // The next purchase is a new attempt with a new key.
    await click(getByText(r, '立即抢购'))
    await click(submitButton(r))
    await waitForText(r, '确认支付')
    const next = calls(s, 'orders.place').at(-1)!.input.idempotencyKey
    expect(next).not.toBe(keys[0])
    expect(s.orders.size).toBe(2)
  })

  it('changing the quantity after a cancelled payment starts a new attempt (new key)', async () => {
    const s = shop()
    const r = await openSheet()
    await click(submitButton(r))
    await waitForText(r, '确认支付')
    await click(getByText(r, '取消'))
    await waitForText(r, '继续支付')
    await plus(r)
    expect(sheet(r).textContent).toContain('立即支付 ¥136')
    await click(submitButton(r))
    await waitForText(r, '确认支付')
    const [a, b] = calls(s, 'orders.place').map((c) => c.input)
    expect([a.qty, b.qty]).toEqual([1, 2])
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey)
  })

  it('keys are 24 characters of [A-Za-z0-9_-] and differ every time', async () => {
    const keys = await Promise.all(Array.from({ length: 50 }, () => newIdempotencyKey()))
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(new Set(keys).size).toBe(50)
  })
})

describe('refusals', () => {
  it.each([
    ['SOLD_OUT', '已售罄'],
    ['OVER_LIMIT', '超出每人限购数量'],
    ['SALE_NOT_STARTED', '还没开抢，请稍后再来'],
    ['SALE_ENDED', '活动已结束'],
    ['SHOP_PAUSED', '店铺暂停营业，暂不能购买'],
    ['INSUFFICIENT_STOCK', '库存不足，请减少购买数量'],
  ])('%s shows 「%s」 and the deal is read again', async (codeName, message) => {
    const s = shop()
    s.backend.failNext('orders.place', codeName)
    const r = await openSheet()
    const before = calls(s, 'deals.page').length
    await click(submitButton(r))
    await waitFor(() => expect(sheet(r).querySelector('.ck-error--block')?.textContent).toBe(message))
    await waitFor(() => expect(calls(s, 'deals.page').length).toBe(before + 1))
    expect(r.text()).not.toContain(codeName)
    expect(calls(s, 'payments.prepay')).toHaveLength(0)
  })

  it('the refreshed deal bounds the sheet: sold out meanwhile, the button says so', async () => {
    const s = shop()
    const r = await openSheet()
    s.deal = { ...s.deal, stockLeft: 0, saleState: 'sold_out' }
    s.backend.failNext('orders.place', 'SOLD_OUT')
    await click(submitButton(r))
    await waitFor(() => expect(submitButton(r).textContent).toBe('已售罄'))
    expect(submitButton(r).className).toContain('tk-button--disabled')
  })

  it('a deal paused meanwhile: the sheet says 已暂停 and cannot submit', async () => {
    const s = shop()
    const r = await openSheet()
    s.deal = { ...s.deal, saleState: 'paused' }
    s.backend.failNext('orders.place', 'DEAL_PAUSED')
    await click(submitButton(r))
    await waitFor(() => expect(submitButton(r).textContent).toBe('已暂停'))
    expect(sheet(r).querySelector('.ck-error--block')?.textContent).toBe('该团购已暂停售卖')
    await click(submitButton(r))
    expect(calls(s, 'orders.place')).toHaveLength(1)
  })

  it('a malformed phone is caught before any call', async () => {
    const s = shop()
    const r = await openSheet()
    await type(r, '.ck-phone', '1234')
    await click(submitButton(r))
    await waitForText(r, '请输入 11 位手机号，或留空')
    expect(calls(s, 'orders.place')).toHaveLength(0)
  })

  it('a refused payment token (order closed meanwhile) shows its message on the payment sheet', async () => {
    const s = shop()
    const r = await openSheet()
    await click(submitButton(r))
    await waitForText(r, '确认支付')
    s.orders.delete('o_1')
    await click(getByText(r, '确认支付'))
    await waitForText(r, '支付通知无效')
    expect(taroMock.navigateTo).not.toHaveBeenCalled()
  })
})
