import DealPage from '@/pages/deal/index'
import { parseDealParams } from '@/features/deals'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, NOW, Refusal, dealDetail } from './support/fake-backend'
import { cleanup, click, getByText, render, waitForText } from './support/render'

const HOUR = 3_600_000
const DAY = 24 * HOUR

function dealBackend(deal = dealDetail({ id: 'deal_tea', title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份', sold: 86, stockLeft: 114 })) {
  return new FakeBackend().on('deals.get', (input) => {
    if (input.id !== deal.id) throw new Refusal('DEAL_NOT_FOUND')
    return deal
  })
}

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
})
afterEach(cleanup)

it('shows the deal: photos, price, promises, stock, windows, rules and the shop', async () => {
  const backend = dealBackend().install()
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '双人下午茶套餐')
  const t = r.text()
  expect(t).toContain('¥68¥128')
  expect(t).toContain('5.3折')
  expect(t).toContain('已售 86')
  expect(t).toContain('剩余 114 份')
  expect(t).toContain('随时退')
  expect(t).toContain('过期退')
  expect(t).toContain('每人限购 5 份')
  expect(t).toContain('11月18日 14:00 至 12月7日 14:00') // sale window, China time
  expect(t).toContain('11月18日 至 2027年1月7日') // validity
  expect(t).toContain('每张券限 2 人使用')
  expect(t).toContain('两杯招牌拿铁搭配当日蛋糕任选一份。')
  expect(t).toContain('深圳市南山区深南大道 9668 号万象城 L2-218')
  expect(t).toContain('营业时间 周一至周日 09:00-22:00')
  expect(r.container.querySelectorAll('.deal-gallery__slide')).toHaveLength(2)
  expect(r.container.querySelector('.deal-gallery__count')?.textContent).toBe('1/2')
  expect(backend.calls.filter((c) => c.action === 'get')).toEqual([{ fn: 'deals', action: 'get', input: { id: 'deal_tea' }, openid: 'o_consumer' }])
  // Without a share code, no visit is recorded.
  expect(backend.calls.filter((c) => c.fn === 'promoters')).toEqual([])
  expect(taroMock.setNavigationBarTitle).toHaveBeenCalledWith({ title: '拾光咖啡（万象城店）' })

  await click(getByText(r, '电话'))
  expect(taroMock.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0755-86001234' })
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  expect(r.text()).not.toContain('查看地图')
  await click(getByText(r, '导航'))
  expect(open.mock.calls[0][0]).toContain('coord:22.5186,113.9497')
  open.mockRestore()
})

it('团购详情 shows the shop\'s headings, lists and pictures, never markup', async () => {
  new FakeBackend().on('deals.get', () => dealDetail({ id: 'deal_desc', title: '双人套餐', description: '【套餐内容】\n- 拿铁 2 杯\n- 蛋糕 1 份\n\n![](/files/uploads/abc.png)\n<b>不是标签</b>' })).install()
  taroMock.router.params = { id: 'deal_desc' }
  const r = await render(<DealPage />)
  await waitForText(r, '团购详情')
  expect(r.container.querySelector('.deal-desc__heading')?.textContent).toBe('套餐内容')
  expect(Array.from(r.container.querySelectorAll('.deal-desc__item')).map((e) => e.textContent)).toEqual(['拿铁 2 杯', '蛋糕 1 份'])
  expect(r.container.querySelector('.deal-desc__image')?.getAttribute('src')).toContain('/files/uploads/abc.png')
  expect(r.container.querySelector('b')).toBeNull()
  expect(r.text()).toContain('<b>不是标签</b>')
})

it('buy button on sale says 立即抢购 and opens the checkout sheet', async () => {
  dealBackend().install()
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '立即抢购')
  expect(r.container.querySelector('.ck-sheet')).toBeNull()
  await click(getByText(r, '立即抢购'))
  await waitForText(r, '购买数量')
  expect(r.container.querySelector('.ck-sheet')?.textContent).toContain('立即支付 ¥68')
})

it.each([
  ['sold_out', '已售罄'],
  ['not_started', '未开始'],
  ['ended', '已结束'],
  ['paused', '已暂停'],
] as const)('when %s the button reads %s and does nothing', async (saleState, label) => {
  dealBackend(dealDetail({ id: 'd1', title: '蛋糕三选一', saleState, saleStart: NOW + DAY + 2 * HOUR })).install()
  taroMock.router.params = { id: 'd1' }
  const r = await render(<DealPage />)
  await waitForText(r, '蛋糕三选一')
  expect(r.text()).not.toContain('立即抢购')
  const button = r.container.querySelector('.buy-bar .tk-button') as HTMLElement
  expect(button.textContent).toBe(label)
  expect(button.className).toContain('tk-button--disabled')
  await click(button)
  expect(r.container.querySelector('.ck-sheet')).toBeNull()
  if (saleState === 'not_started') expect(r.text()).toMatch(/11月24日 16:00 开抢 · 1天 \d\d:\d\d:\d\d/)
})

it('shares the deal as a card with its price, path and first photo', async () => {
  dealBackend().install()
  taroMock.router.params = { id: 'deal_tea', s: 'AbC12345' }
  const r = await render(<DealPage />)
  await waitForText(r, '双人下午茶套餐')
  expect(taroMock.trigger('shareAppMessage')).toEqual({
    title: '¥68 双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
    path: '/pages/deal/index?id=deal_tea',
    imageUrl: '/files/demo/coffee-1.svg',
  })
})

it('a deal that does not exist shows 团购不存在或已下架 with a way home', async () => {
  dealBackend().install()
  taroMock.router.params = { id: 'gone' }
  const r = await render(<DealPage />)
  await waitForText(r, '团购不存在或已下架')
  await click(getByText(r, '去首页'))
  expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})

it('other failures show the message with a retry', async () => {
  const backend = dealBackend().install()
  backend.failNext('deals.get', 'INTERNAL')
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '服务开小差了，请稍后再试')
  await click(getByText(r, '重新加载'))
  await waitForText(r, '双人下午茶套餐')
})

it('without an id it calls nobody and shows the not-found state', async () => {
  const backend = dealBackend().install()
  taroMock.router.params = {}
  const r = await render(<DealPage />)
  await waitForText(r, '团购不存在或已下架')
  expect(backend.calls).toEqual([])
})

describe('parseDealParams', () => {
  it('reads id, share code (s), the scene of a mini-program code and the WeChat group (g)', () => {
    expect(parseDealParams({ id: 'deal_tea', s: 'AbC12345' })).toEqual({ id: 'deal_tea', shareCode: 'AbC12345', groupId: null })
    expect(parseDealParams({ scene: encodeURIComponent('Zx9Kq2Lm') })).toEqual({ id: null, shareCode: 'Zx9Kq2Lm', groupId: null })
    expect(parseDealParams({ id: '../etc', s: 'no!', g: 'a b' })).toEqual({ id: null, shareCode: null, groupId: null })
    expect(parseDealParams({ id: '%E0%A4%A' })).toEqual({ id: null, shareCode: null, groupId: null })
    expect(parseDealParams({ id: 'd1', g: 'g_demo_neighbours' })).toEqual({ id: 'd1', shareCode: null, groupId: 'g_demo_neighbours' })
  })
})

it('a deal with a minimum group shows real progress and what happens if it fails', async () => {
  const group = { by: 'units' as const, min: 20, count: 12, deadline: NOW + 2 * DAY, status: 'forming' as const }
  dealBackend(dealDetail({ id: 'd_group', title: '4人火锅套餐', group })).install()
  taroMock.router.params = { id: 'd_group' }
  const r = await render(<DealPage />)
  await waitForText(r, '拼团进度')
  expect(r.text()).toContain('已拼 12/20 份，还差 8 份成团')
  expect(r.text()).toContain('11月25日 14:00 前满 20 份即成团')
  expect(r.text()).toContain('未成团将自动全额退款')
  expect((r.container.querySelector('.deal-group__fill') as HTMLElement).style.width).toBe('60%')
})
