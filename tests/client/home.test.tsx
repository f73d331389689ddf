import HomePage from '@/pages/index/index'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, dealCard } from './support/fake-backend'
import { actAsync, cleanup, click, getByText, render, waitForText } from './support/render'

const DEALS = [
  dealCard({ id: 'deal_tea', title: '双人下午茶套餐', priceFen: 6800, originalPriceFen: 12800, sold: 86, stockLeft: 114 }),
  dealCard({ id: 'deal_latte', title: '单人拿铁券', priceFen: 1990, originalPriceFen: 3200, sold: 12_345, stockLeft: 7 }),
  dealCard({ id: 'deal_voucher', title: '100 元代金券', shopName: '蜀香老火锅', priceFen: 8800, originalPriceFen: 10000, sold: 300, stockLeft: 0, saleState: 'sold_out' }),
  dealCard({ id: 'deal_cakes', title: '蛋糕三选一', priceFen: 2500, originalPriceFen: 3800, sold: 0, stockLeft: 120, saleState: 'not_started' }),
  dealCard({ id: 'deal_hotpot', title: '4人火锅套餐', group: { by: 'units' as const, min: 20, count: 12, deadline: Date.UTC(2026, 10, 30), status: 'forming' } }),
]

/** deals.list over DEALS with the real cursor semantics (offset as a digit string). */
function dealsBackend(deals = DEALS) {
  return new FakeBackend().on('deals.list', (input) => {
    const limit = Number(input.limit ?? 20)
    const from = input.cursor ? Number(input.cursor) : 0
    const items = deals.slice(from, from + limit)
    return { items, nextCursor: from + limit < deals.length ? String(from + limit) : null }
  })
}

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

it('shows a skeleton while loading, then the deals with price, discount, promises, sold and stock', async () => {
  const backend = dealsBackend().install()
  const release = backend.hold('deals.list')
  const r = await render(<HomePage />)
  await waitForText(r, '正在加载')
  expect(r.text()).not.toContain('双人下午茶套餐')

  release()
  await waitForText(r, '双人下午茶套餐')
  expect(r.text()).not.toContain('正在加载')
  const tea = getByText(r, '双人下午茶套餐').closest('.deal-card') as HTMLElement
  const teaText = tea.textContent ?? ''
  expect(teaText).toContain('¥68')
  expect(teaText).toContain('¥128')
  expect(teaText).toContain('5.3折')
  expect(teaText).toContain('随时退')
  expect(teaText).toContain('过期退')
  expect(teaText).toContain('拾光咖啡（万象城店）')
  expect(teaText).toContain('已售 86')
  expect(teaText).toContain('剩 114 份')
  expect(tea.querySelector('taro-image-core')?.getAttribute('src')).toBe('/files/demo/coffee-1.svg')

  const latte = (getByText(r, '单人拿铁券').closest('.deal-card') as HTMLElement).textContent ?? ''
  expect(latte).toContain('¥19.9')
  expect(latte).toContain('已售 1.2万')
  expect(latte).toContain('仅剩 7 份')

  const voucher = (getByText(r, '100 元代金券').closest('.deal-card') as HTMLElement).textContent ?? ''
  expect(voucher).toContain('已售罄')
  expect(voucher).not.toContain('剩')
  expect((getByText(r, '蛋糕三选一').closest('.deal-card') as HTMLElement).textContent).toContain('即将开抢')
  expect((getByText(r, '4人火锅套餐').closest('.deal-card') as HTMLElement).textContent).toContain('20份成团 · 已拼12')
  expect(teaText).not.toContain('成团')

  expect(backend.calls).toEqual([{ fn: 'deals', action: 'list', input: { limit: 20 }, openid: 'o_consumer' }])
  expect(r.text()).toContain('没有更多了')
})

it('opens the deal page when a card is tapped', async () => {
  dealsBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  await click(getByText(r, '单人拿铁券'))
  expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/deal/index?id=deal_latte' })
})

it('shows the empty state when there are no deals', async () => {
  dealsBackend([]).install()
  const r = await render(<HomePage />)
  await waitForText(r, '暂时还没有团购')
  expect(r.container.querySelector('.deal-card')).toBeNull()
})

it('shows the error in Chinese with a retry that loads the list', async () => {
  const backend = dealsBackend().install()
  backend.failNext('deals.list', 'INTERNAL')
  const r = await render(<HomePage />)
  await waitForText(r, '服务开小差了，请稍后再试')
  expect(r.text()).not.toMatch(/INTERNAL|ok|code|\{/)
  expect(r.container.querySelector('.deal-card')).toBeNull()

  await click(getByText(r, '重新加载'))
  await waitForText(r, '双人下午茶套餐')
  expect(r.text()).not.toContain('服务开小差')
  expect(backend.calls.filter((c) => c.action === 'list')).toHaveLength(2)
})

it('says so when the network is down', async () => {
  const backend = dealsBackend().install()
  backend.networkDown = true
  const r = await render(<HomePage />)
  await waitForText(r, '网络不太好，请检查网络后重试')
  backend.networkDown = false
  await click(getByText(r, '重新加载'))
  await waitForText(r, '双人下午茶套餐')
})

it('loads the next page on reaching the bottom, and refreshes on pull-down', async () => {
  const many = Array.from({ length: 25 }, (_, i) => dealCard({ id: `d${i}`, title: `团购 ${i + 1} 号` }))
  const backend = dealsBackend(many).install()
  const r = await render(<HomePage />)
  await waitForText(r, '团购 20 号')
  expect(r.text()).not.toContain('团购 21 号')
  expect(r.text()).toContain('上拉加载更多')

  await actAsync(() => taroMock.trigger('reachBottom'))
  await waitForText(r, '团购 25 号')
  expect(r.container.querySelectorAll('.deal-card')).toHaveLength(25)
  expect(r.text()).toContain('没有更多了')
  expect(backend.calls.map((c) => c.input.cursor)).toEqual([undefined, '20'])

  await actAsync(() => taroMock.trigger('pullDownRefresh'))
  await waitForText(r, '团购 1 号')
  expect(backend.calls).toHaveLength(3)
  expect(taroMock.stopPullDownRefresh).toHaveBeenCalled()
})
