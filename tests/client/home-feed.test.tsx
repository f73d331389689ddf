import { act } from 'react'
import HomePage from '@/pages/index/index'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, dealCard, NOW } from './support/fake-backend'
import { cleanup, click, getByText, render, waitForText, type Rendered } from './support/render'

/** The home page's search, categories and 附近, against a fake deals.list that filters like the real one. */
const DEALS = [
  dealCard({ id: 'deal_latte', title: '单人拿铁券', category: 'drinks', shopId: 'shop_a' }),
  dealCard({ id: 'deal_hotpot', title: '4人火锅套餐', shopName: '蜀香老火锅', category: 'food', shopId: 'shop_b' }),
  // 12月5日 10:00 China time
  dealCard({ id: 'deal_cakes', title: '蛋糕三选一', category: 'drinks', saleState: 'not_started', saleStart: Date.UTC(2026, 11, 5, 2, 0), sold: 0 }),
  dealCard({ id: 'deal_voucher', title: '100 元代金券', shopName: '蜀香老火锅', category: 'food', saleState: 'sold_out', stockLeft: 0, shopId: 'shop_b' }),
]

function feedBackend() {
  return new FakeBackend().on('deals.list', (input) => {
    let items = DEALS
    const q = typeof input.q === 'string' ? input.q : ''
    if (q) items = items.filter((d) => d.title.includes(q) || d.shopName.includes(q))
    if (input.category) items = items.filter((d) => d.category === input.category)
    if (input.near) {
      const near = input.near as { lat: number }
      items = near.lat > 30 ? [] : items.filter((d) => d.shopId === 'shop_b').map((d) => ({ ...d, distanceM: 2750 }))
    }
    return { items, nextCursor: null }
  })
}

function geolocation(answer: { lat: number; lng: number } | 'denied') {
  Object.defineProperty(window.navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (ok: (p: unknown) => void, fail: (e: unknown) => void) =>
        setTimeout(() => (answer === 'denied' ? fail({ code: 1, message: 'User denied Geolocation' }) : ok({ coords: { latitude: answer.lat, longitude: answer.lng } })), 0),
    },
  })
}

async function typeSearch(r: Rendered, value: string) {
  const el = r.container.querySelector('.home__search-input') as HTMLElement
  await act(async () => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
  await click(getByText(r, '搜索'))
}

const tab = (r: Rendered, label: string) => Array.from(r.container.querySelectorAll('.home__tab')).find((e) => e.textContent?.startsWith(label)) as HTMLElement
const cards = (r: Rendered) => Array.from(r.container.querySelectorAll('.deal-card__title')).map((e) => e.textContent)
const lastInput = (b: FakeBackend) => b.calls.filter((c) => c.action === 'list').at(-1)!.input

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

it('shows the feed in the order it comes, says when an upcoming deal opens, and sets sold-out ones apart', async () => {
  feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  expect(cards(r)).toEqual(['单人拿铁券', '4人火锅套餐', '蛋糕三选一', '100 元代金券'])
  const cakes = (getByText(r, '蛋糕三选一').closest('.deal-card') as HTMLElement).textContent ?? ''
  expect(cakes).toContain('即将开抢')
  expect(cakes).toContain('12月5日 10:00 开抢')
  const divider = getByText(r, '以下团购已售罄或已结束')
  // the divider sits right before the first sold-out deal
  expect(divider.parentElement?.querySelector('.deal-card__title')?.textContent).toBe('100 元代金券')
  expect(NOW).toBeLessThan(DEALS[2].saleStart)
})

it('searches by deal or shop name, says calmly when nothing matches, and clears', async () => {
  const backend = feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')

  await typeSearch(r, '  蜀香  ')
  await waitFor(() => expect(cards(r)).toEqual(['4人火锅套餐', '100 元代金券']))
  expect(lastInput(backend)).toEqual({ limit: 20, q: '蜀香' })

  await typeSearch(r, '😀 .*[(')
  await waitForText(r, '没有找到与“😀 .*[(”相关的团购')
  expect(r.text()).not.toMatch(/INVALID|error|\{/)
  await click(getByText(r, '清除搜索'))
  await waitFor(() => expect(cards(r)).toHaveLength(4))
  expect(lastInput(backend)).toEqual({ limit: 20 })
})

it('a blank search is no search, and the box holds at most 40 characters', async () => {
  const backend = feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  await typeSearch(r, '   ')
  expect(lastInput(backend)).toEqual({ limit: 20 })
  expect(r.container.querySelector('.home__search-input')?.getAttribute('maxlength')).toBe('40')
})

it('filters by category chip, with an empty state that leads back to everything', async () => {
  const backend = feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  await click(getByText(r, '咖啡茶饮'))
  await waitFor(() => expect(cards(r)).toEqual(['单人拿铁券', '蛋糕三选一']))
  expect(lastInput(backend)).toEqual({ limit: 20, category: 'drinks' })
  await click(getByText(r, '丽人'))
  await waitForText(r, '这个分类还没有团购')
  await click(getByText(r, '看看全部团购'))
  await waitFor(() => expect(cards(r)).toHaveLength(4))
  expect(lastInput(backend)).toEqual({ limit: 20 })
})

it('附近 asks for the location on tap and lists nearby deals with their distance', async () => {
  geolocation({ lat: 22.5186, lng: 113.9497 })
  const backend = feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  await click(tab(r, '附近'))
  await waitFor(() => expect(cards(r)).toEqual(['4人火锅套餐', '100 元代金券']))
  expect(lastInput(backend)).toEqual({ limit: 20, near: { lat: 22.5186, lng: 113.9497 } })
  expect(r.text()).toContain('蜀香老火锅 · 2.8km')
  await click(tab(r, '推荐'))
  await waitFor(() => expect(cards(r)).toHaveLength(4))
  expect(r.text()).not.toContain('2.8km')
})

it('附近 with nothing around says so and offers the whole feed', async () => {
  geolocation({ lat: 39.9, lng: 116.4 })
  feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  await click(tab(r, '附近'))
  await waitForText(r, '附近 30 公里内还没有团购')
  await click(getByText(r, '看看全部团购'))
  await waitFor(() => expect(cards(r)).toHaveLength(4))
})

it('a refused location gets a calm word, the normal feed, and districts to pick instead', async () => {
  geolocation('denied')
  const backend = feedBackend().install()
  const r = await render(<HomePage />)
  await waitForText(r, '单人拿铁券')
  await click(tab(r, '附近'))
  await waitForText(r, '没有拿到你的位置，先为你展示全部团购')
  expect(cards(r)).toHaveLength(4)
  expect(lastInput(backend)).toEqual({ limit: 20 })

  await click(getByText(r, '南山区'))
  await waitFor(() => expect(cards(r)).toEqual(['4人火锅套餐', '100 元代金券']))
  expect(lastInput(backend)).toEqual({ limit: 20, near: { lat: 22.5333, lng: 113.9305 } })
  expect(r.text()).toContain('附近 · 南山区')
  expect(r.text()).not.toContain('没有拿到你的位置')
})

async function waitFor(check: () => void) {
  const { waitFor: wf } = await import('./support/render')
  await wf(check)
}
