import { act } from 'react'
import OrderPage from '@/pages/order/index'
import { darkRuns, qrMatrix, qrSvg, readOrderCopy } from '@/features/orders'
import { create } from 'qrcode/lib/core/qrcode'
import { formatCode } from '@core/codes/redemption-code'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, NOW } from './support/fake-backend'
import { FakeShop, SHOP, code, orderView } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

const A = 'ABCD2345EFGH'
const B = 'JKLM6789NPQR'
const C = 'STUV2345WXYZ'

function shopWith(...orders: Parameters<typeof orderView>[0][]) {
  const s = new FakeShop(new FakeBackend())
  for (const o of orders) s.add(orderView(o))
  return s.install()
}

const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key)

async function open(id: string): Promise<Rendered> {
  taroMock.router.params = { id }
  return render(<OrderPage />)
}

const codeCard = (r: Rendered, c: string) => getByText(r, formatCode(c)).closest('.order-code') as HTMLElement

const paidOrder = {
  id: 'o_paid',
  qty: 3,
  codes: [code(A), code(B, 'redeemed'), code(C)],
  timeline: [
    { at: NOW - 10 * 60_000, action: 'order.placed', label: '提交订单' },
    { at: NOW - 9 * 60_000, action: 'order.paid', label: '支付成功，券码已发放' },
    { at: NOW - 60_000, action: 'code.redeemed', label: '到店核销' },
  ],
  phone: '13800138000',
}

it('a paid order: state, each code as QR + grouped text with its state, amounts, validity, shop, timeline, badges', async () => {
  shopWith(paidOrder)
  const r = await open('o_paid')
  await waitForText(r, '待使用')
  const t = r.text()
  expect(t).toContain('2 张券码待使用')
  expect(t).toContain('ABCD 2345 EFGH')
  expect(t).toContain('STUV 2345 WXYZ')
  expect(codeCard(r, A).textContent).toContain('待使用')
  expect(codeCard(r, B).textContent).toContain('已核销')
  // A QR code for each usable code (an SVG drawn on the device), none for the redeemed one.
  const qrA = codeCard(r, A).querySelector('.order-code__qr') as HTMLElement
  expect(qrA.getAttribute('src')).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg(qrMatrix(A)))}`)
  expect(codeCard(r, B).querySelector('.order-code__qr')).toBeNull()
  expect(r.container.querySelectorAll('.order-code__qr')).toHaveLength(2)
  expect(t).toContain('实付金额¥204')
  expect(t).toContain('¥68 × 3 份')
  expect(t).toContain('有效期 11月18日 至 2027年1月7日')
  expect(t).toContain('随时退')
  expect(t).toContain('过期退')
  expect(t).toContain('13800138000')
  expect(t).not.toContain('已退款¥')
  await waitForText(r, SHOP.address) // the shop's card (shops.get)
  const steps = Array.from(r.container.querySelectorAll('.order-timeline__label')).map((e) => e.textContent)
  expect(steps).toEqual(['提交订单', '支付成功，券码已发放', '到店核销'])
  expect(t).not.toMatch(/\bunused\b|\bredeemed\b|pending_payment|ORDER_|\{/)
})

it('QR codes: a version-1 symbol (21 × 21) per 12-character code, different codes differ', () => {
  const a = qrMatrix(A)
  expect(a.size).toBe(21)
  // Finder patterns: the top-left 7 × 7 square is dark on its border, light inside the ring.
  const dark = (r: number, c: number) => a.dark[r * a.size + c] === 1
  expect([dark(0, 0), dark(0, 6), dark(6, 0), dark(6, 6), dark(1, 1), dark(2, 2), dark(3, 3)]).toEqual([true, true, true, true, false, true, true])
  expect([dark(0, 20), dark(20, 0), dark(1, 19), dark(19, 1)]).toEqual([true, true, false, false]) // the other two finders
  expect(Buffer.from(qrMatrix(B).dark).equals(Buffer.from(a.dark))).toBe(false)
  // Same symbol as the library's own segment optimiser picks for the plain string (alphanumeric mode, level M).
  const reference = create(A, { errorCorrectionLevel: 'M' }).modules
  expect(reference.size).toBe(21)
  expect(Array.from(a.dark)).toEqual(Array.from(reference.data, (x) => (x ? 1 : 0)))
  const modules = darkRuns(a).reduce((n, [, , len]) => n + len, 0)
  expect(modules).toBe(a.dark.reduce((n, x) => n + x, 0))
})

it('拼团中: codes are shown locked until the group forms', async () => {
  shopWith({ id: 'o_group', state: 'grouping', qty: 1, codes: [code(A)] })
  const r = await open('o_group')
  await waitForText(r, '拼团中')
  expect(r.text()).toContain('成团后券码即可使用；未成团将自动全额退款')
  const card = codeCard(r, A)
  expect(card.className).toContain('order-code--locked')
  expect(card.textContent).toContain('拼团中 · 成团后可用')
  expect(card.querySelector('.order-code__state')?.textContent).toBe('拼团中')
})

it('refund: pick unused codes, confirm, orders.refund, the refreshed order', async () => {
  const s = shopWith(paidOrder)
  const r = await open('o_paid')
  await waitForText(r, '申请退款')
  await click(getByText(r, '申请退款'))
  // The redeemed code cannot be picked; two unused can.
  expect(r.container.querySelectorAll('.order-code__check')).toHaveLength(2)
  expect(r.text()).toContain('已选 0 张')
  await click(codeCard(r, C))
  expect(r.text()).toContain('已选 1 张')
  expect(r.text()).toContain('退款 ¥68，原路退回')

  // Declining the confirmation changes nothing.
  taroExtras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
  await click(getByText(r, '确认退款'))
  expect(calls(s, 'orders.refund')).toHaveLength(0)

  await click(getByText(r, '确认退款'))
  expect(taroExtras.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认退款', content: '退 1 张券码，¥68 将原路退回。退款后这些券码不能再使用。' }))
  await waitFor(() => expect(calls(s, 'orders.refund').map((c) => c.input)).toEqual([{ orderId: 'o_paid', codes: [C] }]))
  await waitFor(() => expect(codeCard(r, C).textContent).toContain('已退款'))
  expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '退款成功' }))
  expect(r.text()).toContain('实付金额¥204已退款−¥68实际支付¥136退款已原路退回到支付账户')
  expect(codeCard(r, A).textContent).toContain('待使用')
  expect(r.text()).toContain('退款已原路退回') // timeline
  // The saved offline copy follows.
  expect(readOrderCopy('o_paid')?.view.codes.find((c) => c.code === C)?.state).toBe('refunded')
})

it('refund refused (redeemed meanwhile): the message, then the order is read again', async () => {
  const s = shopWith({ id: 'o_one', qty: 1, codes: [code(A)] })
  const r = await open('o_one')
  await waitForText(r, '申请退款')
  await click(getByText(r, '申请退款'))
  expect(r.text()).toContain('已选 1 张') // a single code is preselected
  const gets = calls(s, 'orders.get').length
  s.backend.failNext('orders.refund', 'CODE_ALREADY_REDEEMED')
  await click(getByText(r, '确认退款'))
  await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '券码已核销' })))
  await waitFor(() => expect(calls(s, 'orders.get').length).toBe(gets + 1))
})

it('offline: the last view saved on this device is shown, marked as an offline copy, without pay or refund', async () => {
  const s = shopWith(paidOrder)
  let r = await open('o_paid')
  await waitForText(r, SHOP.address)
  cleanup()

  s.backend.networkDown = true
  r = await open('o_paid')
  await waitForText(r, '离线副本')
  expect(r.text()).toContain('ABCD 2345 EFGH')
  expect(codeCard(r, A).querySelector('.order-code__qr')).not.toBeNull()
  expect(r.text()).toContain(SHOP.address) // the shop came with the copy
  expect(r.text()).toContain('联网后可以支付或退款')
  expect(r.text()).not.toContain('申请退款')

  // Back online: pull down, the live order replaces the copy.
  s.backend.networkDown = false
  await act(async () => {
    void taroMock.trigger('pullDownRefresh')
  })
  await waitFor(() => expect(r.text()).not.toContain('离线副本'))
  expect(r.text()).toContain('申请退款')
})

it('offline with no saved copy: the network message and a retry; another failure never shows a copy', async () => {
  const s = shopWith(paidOrder)
  s.backend.networkDown = true
  const r = await open('o_paid')
  await waitForText(r, '网络不太好，请检查网络后重试')
  s.backend.networkDown = false
  await click(getByText(r, '重新加载'))
  await waitForText(r, 'ABCD 2345 EFGH')
  cleanup()

  s.backend.failNext('orders.get', 'INTERNAL')
  const r2 = await open('o_paid')
  await waitForText(r2, '服务开小差了，请稍后再试')
  expect(r2.text()).not.toContain('离线副本')
})

it('an offline copy belongs to the persona that loaded it', async () => {
  const s = shopWith(paidOrder)
  let r = await open('o_paid')
  await waitForText(r, 'ABCD 2345 EFGH')
  cleanup()
  taroMock.storage.set('tuanka.persona.openid', 'o_someone_else')
  s.backend.networkDown = true
  r = await open('o_paid')
  await waitForText(r, '网络不太好')
  expect(r.text()).not.toContain('ABCD')
})

it('待支付: the time left and 去支付 through the payment sheet, then the paid order', async () => {
  const s = shopWith({ id: 'o_pending', state: 'pending_payment', qty: 2, codes: [], paidAt: null, payBefore: NOW + 12 * 60_000 + 5_000 })
  const r = await open('o_pending')
  await waitForText(r, '待支付')
  expect(r.text()).toMatch(/剩余 12 分 0[45] 秒，超时订单自动关闭/)
  expect(r.text()).toContain('待支付 ¥136')
  expect(r.text()).toContain('订单金额¥136')
  expect(r.text()).not.toContain('实付')
  await click(getByText(r, '去支付'))
  await waitForText(r, '确认支付')
  await click(getByText(r, '确认支付'))
  await waitForText(r, '2 张券码待使用')
  expect(calls(s, 'payments.prepay').map((c) => c.input)).toEqual([{ orderId: 'o_pending' }])
  expect(r.container.querySelectorAll('.order-code__qr')).toHaveLength(2)
  expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '支付成功' }))
})

it('an order that is not the caller\'s reads 订单不存在 with a way to the list', async () => {
  shopWith()
  const r = await open('o_nope')
  await waitForText(r, '订单不存在')
  await click(getByText(r, '查看我的订单'))
  expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/orders/index' })
})

it('a refund in flight (退款中) is looked at again until it settles', async () => {
  jest.useFakeTimers({ advanceTimers: true })
  try {
    const s = shopWith({ id: 'o_r', qty: 1, codes: [code(A, 'refunding')] })
    const r = await open('o_r')
    await waitForText(r, '退款中')
    s.add(orderView({ id: 'o_r', qty: 1, state: 'refunded', refundedFen: 6800, codes: [code(A, 'refunded')] }))
    await act(async () => {
      jest.advanceTimersByTime(5_000)
    })
    await waitForText(r, '款项已原路退回')
  } finally {
    jest.useRealTimers()
  }
})
