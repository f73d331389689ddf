import { act } from 'react'
import OrdersPage from '@/pages/orders/index'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, NOW } from './support/fake-backend'
import { FakeShop, code, orderView } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

const MIN = 60_000
const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key)

function shopWithOrders(n: number) {
  const s = new FakeShop(new FakeBackend())
  for (let i = 0; i < n; i++) {
    s.add(orderView({ id: `o_${i}`, dealTitle: `团购 ${i}`, createdAt: NOW - i * MIN, qty: 1, codes: [code(`AAAA2345BB${String(i).padStart(2, '2')}`)] }))
  }
  return s.install()
}

it('lists my orders newest first with state labels, unused count and amount; tap opens the order', async () => {
  const s = new FakeShop(new FakeBackend())
  s.add(orderView({ id: 'o_paid', dealTitle: '双人下午茶套餐', createdAt: NOW - MIN, qty: 2, unusedCount: 2, codes: [code('ABCD2345EFGH'), code('JKLM6789NPQR')] }))
  s.add(orderView({ id: 'o_pending', dealTitle: '单人拿铁券', createdAt: NOW, state: 'pending_payment', qty: 1, unitPriceFen: 1990, codes: [] }))
  s.add(orderView({ id: 'o_group', dealTitle: '4人火锅套餐', createdAt: NOW - 2 * MIN, state: 'grouping', qty: 1, unitPriceFen: 29800, codes: [code('STUV2345WXYZ')] }))
  s.add(orderView({ id: 'o_done', dealTitle: '蛋糕三选一', createdAt: NOW - 3 * MIN, state: 'completed', qty: 1, unitPriceFen: 2500, codes: [code('ABCD2345EFGJ', 'redeemed')] }))
  s.add(orderView({ id: 'o_ref', dealTitle: '100 元代金券', createdAt: NOW - 4 * MIN, state: 'refunded', qty: 1, unitPriceFen: 8800, refundedFen: 8800, codes: [code('ABCD2345EFGK', 'refunded')] }))
  s.add(orderView({ id: 'o_closed', dealTitle: '超时的单', createdAt: NOW - 5 * MIN, state: 'closed', qty: 1, codes: [] }))
  s.install()
  const r = await render(<OrdersPage />)
  await waitForText(r, '双人下午茶套餐')
  const rows = Array.from(r.container.querySelectorAll('.order-row'))
  expect(rows.map((e) => e.querySelector('.order-row__title')?.textContent)).toEqual(['单人拿铁券', '双人下午茶套餐', '4人火锅套餐', '蛋糕三选一', '100 元代金券', '超时的单'])
  expect(rows.map((e) => e.querySelector('.order-row__state')?.textContent)).toEqual(['待支付', '待使用', '拼团中', '已完成', '已退款', '已关闭'])
  expect(rows[0].textContent).toContain('去支付')
  expect(rows[0].textContent).toContain('1 份 · 待付 ¥19.9')
  expect(rows[0].textContent).toMatch(/剩 \d+ 分钟，超时自动关闭|已超时，即将关闭/)
  expect(rows[5].textContent).toContain('金额 ¥68')
  expect(rows[1].textContent).toContain('2 张可用')
  // A forming group's code is locked: counted as waiting for the group, never as usable.
  expect(rows[2].textContent).toContain('1 张待成团')
  expect(rows[2].textContent).not.toContain('可用')
  expect(rows[1].textContent).toContain('2 份 · 实付 ¥136')
  expect(rows[2].textContent).toContain('实付 ¥298')
  expect(r.text()).not.toMatch(/pending_payment|grouping|completed|refunded|closed/)
  await click(rows[1])
  expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_paid' })
})

it('codes left are what orders.listMine counts from the codes: a partly refunded and used order has 1 张可用', async () => {
  const s = new FakeShop(new FakeBackend())
  s.add(orderView({ id: 'o_partly', dealTitle: '双人下午茶套餐', qty: 3, codes: [code('ABCD2345EFGH'), code('JKLM6789NPQR', 'refunded'), code('STUV2345WXYZ', 'redeemed')] }))
  s.install()
  const r = await render(<OrdersPage />)
  await waitForText(r, '1 张可用')
  expect(r.text()).not.toContain('3 张')
})

it('pages with the cursor when the bottom is reached', async () => {
  const s = shopWithOrders(25)
  const r = await render(<OrdersPage />)
  await waitForText(r, '团购 0')
  expect(r.container.querySelectorAll('.order-row')).toHaveLength(20)
  expect(r.text()).toContain('上拉加载更多')
  await act(async () => {
    void taroMock.trigger('reachBottom')
  })
  await waitForText(r, '团购 24')
  expect(r.container.querySelectorAll('.order-row')).toHaveLength(25)
  expect(r.text()).toContain('没有更多了')
  expect(calls(s, 'orders.listMine').map((c) => c.input)).toEqual([{ limit: 20 }, { limit: 20, cursor: '20' }])
})

it('no orders yet: honestly empty, with 去逛逛', async () => {
  shopWithOrders(0)
  const r = await render(<OrdersPage />)
  await waitForText(r, '还没有订单')
  await click(getByText(r, '去逛逛'))
  expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})

it('messages: the newest two (paid, group result, expiring, refund), all on demand; tap opens the order', async () => {
  const s = shopWithOrders(1)
  s.notifications = [
    { id: 'n1', kind: 'refunded', title: '退款成功', body: '双人下午茶套餐 1 份，¥68 已原路退回', at: NOW - MIN, page: '/pages/order/index?id=o_0', pushed: true },
    { id: 'n2', kind: 'expiring', title: '券码即将到期', body: '1 张券码 3 天内到期，未使用将自动退款', at: NOW - 2 * MIN, page: '/pages/order/index?id=o_0', pushed: false },
    { id: 'n3', kind: 'group_succeeded', title: '拼团成功', body: '4人火锅套餐 已成团，券码可以使用了', at: NOW - 3 * MIN, page: '/pages/order/index?id=o_0', pushed: false },
    { id: 'n4', kind: 'paid', title: '支付成功', body: '双人下午茶套餐 × 1', at: NOW - 4 * MIN, page: '/pages/order/index?id=o_0', pushed: false },
  ]
  const r = await render(<OrdersPage />)
  await waitForText(r, '退款成功')
  expect(r.container.querySelectorAll('.order-msg')).toHaveLength(2)
  expect(r.container.querySelectorAll('.order-msg')[0].textContent).toContain('已推送到微信')
  expect(r.container.querySelectorAll('.order-msg')[1].textContent).not.toContain('已推送到微信')
  expect(r.text()).not.toContain('拼团成功')
  await click(getByText(r, '全部 4 条'))
  expect(r.container.querySelectorAll('.order-msg')).toHaveLength(4)
  await click(getByText(r, '券码即将到期'))
  expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_0' })
})

it('a failed load shows the message and a retry; pull-down refresh reloads orders and messages', async () => {
  const s = shopWithOrders(2)
  s.backend.failNext('orders.listMine', 'INTERNAL')
  const r = await render(<OrdersPage />)
  await waitForText(r, '服务开小差了，请稍后再试')
  await click(getByText(r, '重新加载'))
  await waitForText(r, '团购 1')
  await act(async () => {
    void taroMock.trigger('pullDownRefresh')
  })
  await waitFor(() => expect(taroMock.stopPullDownRefresh).toHaveBeenCalled())
  expect(calls(s, 'orders.listMine')).toHaveLength(3)
  expect(calls(s, 'orders.notifications')).toHaveLength(2)
})

it('back on the tab after paying elsewhere: the list is read again', async () => {
  const s = shopWithOrders(1)
  const r = await render(<OrdersPage />)
  await waitForText(r, '团购 0')
  await act(async () => {
    taroMock.trigger('didHide')
    taroMock.trigger('didShow')
  })
  await waitFor(() => expect(calls(s, 'orders.listMine')).toHaveLength(2))
})
