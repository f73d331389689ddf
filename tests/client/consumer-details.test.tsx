import { jest } from '@jest/globals'
import Taro from '@tarojs/taro'
import DealSummaryHost from '@/pages/deal/index'
import OrderPage from '@/pages/order/index'
import OrdersPage from '@/pages/orders/index'
import { DealSummary } from '@/features/deals'
import { moneyLines } from '@/features/orders'
import { forgetLocalIdentity } from '@/shared/api'
import { formatRefNo } from '@/shared/format/refNo'
import { formatCountdown } from '@/shared/format/time'
import { H5TitleBar } from '@/shared/ui/H5TitleBar'
import { withH5Bar } from '@/shared/ui'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, NOW, dealDetail } from './support/fake-backend'
import { FakeShop, code, orderView } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'

const extra = {
  getCurrentPages: jest.fn<() => unknown[]>(() => [{}]),
  navigateBack: jest.fn(() => Promise.resolve()),
  pageScrollTo: jest.fn((_o: { selector?: string }) => Promise.resolve()),
  setClipboardData: jest.fn((_o: { data: string }) => Promise.resolve()),
}
Object.assign(Taro as unknown as Record<string, unknown>, extra)

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
  for (const f of Object.values(extra)) f.mockClear()
})
afterEach(cleanup)

const MIN = 60_000
const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key)
const rowTitles = (r: { container: HTMLElement }) => Array.from(r.container.querySelectorAll('.order-row__title')).map((e) => e.textContent)

describe('我的订单 tabs', () => {
  function shop() {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_pending', dealTitle: '待付的单', createdAt: NOW, state: 'pending_payment', codes: [] }))
    s.add(orderView({ id: 'o_paid', dealTitle: '能用的单', createdAt: NOW - MIN, codes: [code('ABCD2345EFGH')] }))
    s.add(orderView({ id: 'o_group', dealTitle: '拼团的单', createdAt: NOW - 2 * MIN, state: 'grouping', codes: [code('STUV2345WXYZ')] }))
    s.add(orderView({ id: 'o_done', dealTitle: '用完的单', createdAt: NOW - 3 * MIN, state: 'completed', codes: [code('ABCD2345EFGJ', 'redeemed')] }))
    s.add(orderView({ id: 'o_ref', dealTitle: '退了的单', createdAt: NOW - 4 * MIN, state: 'refunded', refundedFen: 6800, codes: [code('ABCD2345EFGK', 'refunded')] }))
    s.add(orderView({ id: 'o_part', dealTitle: '退了一张的单', createdAt: NOW - 5 * MIN, qty: 2, refundedFen: 6800, codes: [code('ABCD2345EFGM'), code('ABCD2345EFGN', 'refunded')] }))
    return s.install()
  }

  it('each tab lists the orders of its state; 退款 also holds a partly refunded order; an empty tab says so', async () => {
    shop()
    const r = await render(<OrdersPage />)
    await waitForText(r, '待付的单')
    const tabs = Array.from(r.container.querySelectorAll('.orders-tabs__tab'))
    expect(tabs.map((t) => t.textContent)).toEqual(['全部', '待付款', '待使用', '拼团中', '已完成', '退款'])
    expect(rowTitles(r)).toHaveLength(6)
    const open = async (label: string) => click(tabs.find((t) => t.textContent === label)!)
    await open('待付款')
    expect(rowTitles(r)).toEqual(['待付的单'])
    expect(r.container.querySelector('.orders-tabs__tab--on')?.textContent).toBe('待付款')
    await open('待使用')
    expect(rowTitles(r)).toEqual(['能用的单', '退了一张的单'])
    await open('拼团中')
    expect(rowTitles(r)).toEqual(['拼团的单'])
    await open('已完成')
    expect(rowTitles(r)).toEqual(['用完的单'])
    await open('退款')
    expect(rowTitles(r)).toEqual(['退了的单', '退了一张的单'])
    await open('全部')
    expect(rowTitles(r)).toHaveLength(6)
  })

  it('an empty tab offers 查看全部', async () => {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_paid', dealTitle: '能用的单', codes: [code('ABCD2345EFGH')] }))
    s.install()
    const r = await render(<OrdersPage />)
    await waitForText(r, '能用的单')
    await click(getByText(r, '拼团中'))
    await waitForText(r, '没有拼团中的订单')
    await click(getByText(r, '查看全部'))
    await waitForText(r, '能用的单')
  })

  it('a tab reads older pages until it has its orders (pages hold every state)', async () => {
    const s = new FakeShop(new FakeBackend())
    for (let i = 0; i < 25; i++) s.add(orderView({ id: `o_${i}`, dealTitle: `团购 ${i}`, createdAt: NOW - i * MIN, codes: [code(`AAAA2345BB${String(i).padStart(2, '2')}`)] }))
    s.add(orderView({ id: 'o_old_pending', dealTitle: '很早的待付单', createdAt: NOW - 60 * MIN, state: 'pending_payment', codes: [] }))
    s.install()
    const r = await render(<OrdersPage />)
    await waitForText(r, '团购 0')
    await click(getByText(r, '待付款'))
    await waitForText(r, '很早的待付单')
    expect(rowTitles(r)).toEqual(['很早的待付单'])
    expect(calls(s, 'orders.listMine').length).toBe(2)
  })
})

describe('money: paid, refunded and what is left', () => {
  it('moneyLines: one line until a refund, then paid / refunded / kept', () => {
    expect(moneyLines({ amountFen: 13600, refundedFen: 0, state: 'paid' })).toEqual([{ label: '实付金额', value: '¥136', tone: 'price' }])
    expect(moneyLines({ amountFen: 13600, refundedFen: 6800, state: 'paid' }).map((l) => `${l.label} ${l.value}`)).toEqual(['实付金额 ¥136', '已退款 −¥68', '实际支付 ¥68'])
    expect(moneyLines({ amountFen: 13600, refundedFen: 13600, state: 'refunded' }).map((l) => `${l.label} ${l.value}`)).toEqual(['实付金额 ¥136', '已退款 −¥136', '全部退回 ¥0'])
    expect(moneyLines({ amountFen: 1990, refundedFen: 0, state: 'pending_payment' })).toEqual([{ label: '订单金额', value: '¥19.9', tone: 'price' }])
  })

  it('the order page and the list row show the refund and the rest, not 实付 ¥136 alone', async () => {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_part', dealTitle: '双人下午茶套餐', qty: 2, refundedFen: 6800, codes: [code('ABCD2345EFGH'), code('JKLM6789NPQR', 'refunded')] }))
    s.install()
    const list = await render(<OrdersPage />)
    await waitForText(list, '双人下午茶套餐')
    expect(list.container.querySelector('.order-row__meta')?.textContent).toBe('2 份 · 实付 ¥136 · 已退 ¥68')
    cleanup()
    taroMock.router.params = { id: 'o_part' }
    const r = await render(<OrderPage />)
    await waitForText(r, '订单信息')
    const facts = Array.from(r.container.querySelectorAll('.order-facts__row')).map((e) => e.textContent)
    expect(facts.slice(0, 3)).toEqual(['实付金额¥136', '已退款−¥68', '实际支付¥68'])
    expect(r.text()).toContain('退款已原路退回到支付账户')
  })
})

describe('取消订单', () => {
  it('an unpaid order is cancelled after confirming; the page shows it closed by the buyer', async () => {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_pending', state: 'pending_payment', codes: [], paidAt: null }))
    s.install()
    taroMock.router.params = { id: 'o_pending' }
    const r = await render(<OrderPage />)
    await waitForText(r, '去支付')
    await click(getByText(r, '取消订单'))
    expect(taroExtras.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消订单？' }))
    await waitForText(r, '你已取消订单')
    expect(calls(s, 'orders.cancel').map((c) => c.input)).toEqual([{ orderId: 'o_pending' }])
    expect(r.container.querySelector('.order-head__state')?.textContent).toBe('已关闭')
    expect(r.text()).not.toContain('去支付')
    expect(taroMock.showToast).toHaveBeenCalledWith({ title: '订单已取消', icon: 'none' })
  })

  it('"再想想" cancels nothing; a refusal is said in words', async () => {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_pending', state: 'pending_payment', codes: [], paidAt: null }))
    s.install()
    taroMock.router.params = { id: 'o_pending' }
    const r = await render(<OrderPage />)
    await waitForText(r, '去支付')
    taroExtras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(getByText(r, '取消订单'))
    expect(calls(s, 'orders.cancel')).toHaveLength(0)
    // Paid meanwhile (elsewhere): the server refuses with its code, the buyer reads the sentence.
    s.orders.set('o_pending', { ...s.orders.get('o_pending')!, state: 'paid' })
    await click(getByText(r, '取消订单'))
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith({ title: '订单已支付，不能取消；可以申请退款', icon: 'none' }))
  })

  it('paid orders offer no 取消订单', async () => {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_paid', codes: [code('ABCD2345EFGH')] }))
    s.install()
    taroMock.router.params = { id: 'o_paid' }
    const r = await render(<OrderPage />)
    await waitForText(r, '申请退款')
    expect(r.text()).not.toContain('取消订单')
  })
})

describe('order number', () => {
  it('reads in groups of four, upper case; copy gives the id itself', async () => {
    const id = 'o3f2a9c0177bd0e12a4c566d0'
    expect(formatRefNo(id)).toBe('3F2A 9C01 77BD 0E12 A4C5 66D0')
    expect(formatRefNo('wab12cd34ef56ab78cd90ef12')).toBe('AB12 CD34 EF56 AB78 CD90 EF12')
    expect(formatRefNo('o_demo_1')).toBe('o_demo_1')
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id, codes: [code('ABCD2345EFGH')] }))
    s.install()
    taroMock.router.params = { id }
    const r = await render(<OrderPage />)
    await waitForText(r, '3F2A 9C01 77BD 0E12 A4C5 66D0')
    expect(r.text()).not.toContain(id)
    await click(getByText(r, '复制'))
    expect(extra.setClipboardData).toHaveBeenCalledWith({ data: id })
  })
})

describe('deal page: countdown and rating', () => {
  const HOUR = 3600_000
  it('a sale ending within 3 days counts down by the second with the time it is given; further off it shows the date', async () => {
    expect(formatCountdown(2 * 86400_000 + 3 * HOUR + 12 * MIN + 45_000)).toBe('2天 03:12:45')
    expect(formatCountdown(59_000)).toBe('00:00:59')
    expect(formatCountdown(-5)).toBe('00:00:00')
    const deal = dealDetail({ id: 'd', title: '双人下午茶', saleState: 'on_sale', saleEnd: NOW + 5 * HOUR })
    const r = await render(<DealSummary deal={deal} now={NOW} />)
    expect(r.container.querySelector('.deal-summary__window')?.textContent).toBe('距结束 05:00:00')
    expect(r.container.querySelector('.deal-summary__window--ticking')).not.toBeNull()
    cleanup()
    const later = await render(<DealSummary deal={deal} now={NOW + 61_000} />)
    expect(later.container.querySelector('.deal-summary__window')?.textContent).toBe('距结束 04:58:59')
    cleanup()
    const far = await render(<DealSummary deal={{ ...deal, saleEnd: NOW + 10 * 86400_000 }} now={NOW} />)
    expect(far.container.querySelector('.deal-summary__window')?.textContent).toBe('12月3日 14:00 截止')
    expect(far.container.querySelector('.deal-summary__window--ticking')).toBeNull()
    cleanup()
    const soon = await render(<DealSummary deal={{ ...deal, saleState: 'not_started', saleStart: NOW + 90 * MIN }} now={NOW} />)
    expect(soon.container.querySelector('.deal-summary__window')?.textContent).toBe('11月23日 15:30 开抢 · 01:30:00')
  })

  it('shows the average and the count near the price; a tap scrolls to 评价; no reviews, no rating line', async () => {
    const deal = dealDetail({ id: 'd', title: '双人下午茶' })
    const onRating = jest.fn()
    const r = await render(<DealSummary deal={deal} now={NOW} rating={{ average: 4.75, count: 12 }} onRating={onRating} />)
    expect(r.container.querySelector('.deal-summary__rating')?.textContent).toBe('★ 4.812 条评价 ›')
    await click(r.container.querySelector('.deal-summary__rating')!)
    expect(onRating).toHaveBeenCalledTimes(1)
    cleanup()
    const none = await render(<DealSummary deal={deal} now={NOW} rating={{ average: null, count: 0 }} />)
    expect(none.container.querySelector('.deal-summary__rating')).toBeNull()
  })

  it('on the page, the rating scrolls to the reviews section', async () => {
    const s = new FakeShop(new FakeBackend(), dealDetail({ id: 'deal_tea', title: '双人下午茶' }))
    s.reviews = { average: 4.5, count: 2, items: [] }
    s.install()
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealSummaryHost />)
    await waitForText(r, '2 条评价 ›')
    await click(r.container.querySelector('.deal-summary__rating')!)
    expect(extra.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#deal-reviews' }))
    expect(r.container.querySelector('#deal-reviews')).not.toBeNull()
  })
})

describe('h5 title bar', () => {
  it('shows the title; back goes back, or home when the page was opened directly', async () => {
    const r = await render(<H5TitleBar title='订单详情' home='/pages/orders/index' />)
    expect(r.container.querySelector('.h5-bar__title')?.textContent).toBe('订单详情')
    extra.getCurrentPages.mockReturnValueOnce([{}, {}])
    await click(r.container.querySelector('.h5-bar__back')!)
    expect(extra.navigateBack).toHaveBeenCalledTimes(1)
    extra.getCurrentPages.mockReturnValueOnce([{}])
    await click(r.container.querySelector('.h5-bar__back')!)
    expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: '/pages/orders/index' })
  })

  it('sits on top of the order page in h5 (the pages are wrapped)', async () => {
    const s = new FakeShop(new FakeBackend())
    s.add(orderView({ id: 'o_paid', codes: [code('ABCD2345EFGH')] }))
    s.install()
    taroMock.router.params = { id: 'o_paid' }
    const r = await render(<OrderPage />)
    await waitForText(r, '订单信息')
    expect(r.container.firstElementChild?.className).toContain('h5-bar')
    expect(r.container.querySelector('.h5-bar__title')?.textContent).toBe('订单详情')
  })

  it('in the mini-program the page is returned as it is: WeChat draws the bar', () => {
    const prev = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      const Page = () => null
      expect(withH5Bar(Page, '订单详情')).toBe(Page)
    } finally {
      process.env.TARO_ENV = prev
    }
  })
})
