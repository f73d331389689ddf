import { act } from 'react'
import DealPage from '@/pages/deal/index'
import { timeAgo } from '@/features/deals'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, NOW } from './support/fake-backend'
import { FakeShop } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'
import { asWeapp, weapp } from './support/weapp'

const MIN = 60_000

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
})
afterEach(() => {
  cleanup()
  jest.useRealTimers()
  weapp.restore()
})

function shop() {
  const s = new FakeShop(new FakeBackend())
  s.buyers = {
    totalBuyers: 3,
    totalUnits: 5,
    items: [
      { name: '张**', units: 2, at: NOW - 3 * MIN },
      { name: 'L**', units: 1, at: NOW - 2 * 60 * MIN },
      { name: '微信用户', units: 2, at: NOW - 3 * 24 * 60 * MIN },
    ],
    group: null,
  }
  s.reviews = {
    average: 4.7,
    count: 3,
    items: [
      { id: 'r1', rating: 5, text: '环境很安静，拿铁奶泡很细，下次还来。', photos: ['/files/demo/latte-1.svg'], name: '张**', at: NOW - 60 * MIN, reply: { text: '谢谢喜欢，欢迎再来！', at: NOW - 30 * MIN } },
      { id: 'r2', rating: 4, text: '周末去的，不用排队。', photos: [], name: '陈**', at: NOW - 2 * 24 * 60 * MIN, reply: null },
    ],
  }
  return s.install()
}

const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key)

it('接龙: real buyers newest first, masked, "张** +2 · 3 分钟前"', async () => {
  shop()
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '接龙')
  const rows = Array.from(r.container.querySelectorAll('.deal-buyers__row')).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())
  expect(rows).toEqual(['张**+2 · 3 分钟前', 'L**+1 · 2 小时前', '微信用户+2 · 3 天前'])
  expect(r.text()).toContain('3 人已参与 · 共 5 份')
  expect(r.text()).not.toContain('本群')
})

const GROUP_BUYERS = { buyers: 2, units: 3, items: [{ name: '张**', units: 2, at: NOW - 3 * MIN }, { name: '陈**', units: 1, at: NOW - 10 * MIN }] }

it('opened from a WeChat group (local: g): "本群 N 人已参与" and that group\'s list, asked with the cloudID the platform emulator issued for g', async () => {
  const s = shop()
  s.buyers = { ...s.buyers, group: GROUP_BUYERS }
  taroMock.router.params = { id: 'deal_tea', g: 'g_demo', s: 'AbC12345' }
  const r = await render(<DealPage />)
  await waitForText(r, '本群 2 人已参与 · 3 份')
  const group = r.container.querySelector('.deal-buyers__group') as HTMLElement
  expect(group.querySelectorAll('.deal-buyers__row')).toHaveLength(2)
  expect(group.textContent).toContain('陈**+1 · 10 分钟前')
  expect(r.text()).toContain('全部接龙')
  // The stand-in for wx.getGroupEnterInfo asked the platform once (POST /local/group-enter); its cloudID rides along.
  expect(s.backend.platformCalls).toEqual([{ path: '/local/group-enter', body: { g: 'g_demo' } }])
  expect(calls(s, 'deals.page').map((c) => c.input)).toEqual([{ id: 'deal_tea', groupCloudID: 'cid-g_demo' }])
  expect(calls(s, 'promoters.visit').map((c) => c.input)).toEqual([{ shareCode: 'AbC12345', groupCloudID: 'cid-g_demo' }])
})

it('a malformed g is no group (nothing sent)', async () => {
  const s = shop()
  taroMock.router.params = { id: 'deal_tea', g: 'a b<c>' }
  const r = await render(<DealPage />)
  await waitForText(r, '接龙')
  expect(calls(s, 'deals.page').map((c) => c.input)).toEqual([{ id: 'deal_tea' }])
})

describe('mini-program (production)', () => {
  const single = (s: FakeShop) => {
    s.deal = { ...s.deal, images: ['/files/demo/coffee-1.svg'] } // one photo: no native swiper in jsdom
    return s
  }

  it('opened from a group card (scene 1044, shareTicket): getGroupEnterInfo\'s cloudID rides on buyers and visit; shares carry shareTickets', async () => {
    const s = single(shop())
    s.buyers = { ...s.buyers, group: GROUP_BUYERS }
    asWeapp('o_consumer', { path: 'pages/deal/index', scene: 1044, query: { id: 'deal_tea', s: 'AbC12345' }, shareTicket: 'tk_1' })
    weapp.getGroupEnterInfo.mockResolvedValue({ errMsg: 'getGroupEnterInfo:ok', cloudID: 'wx-cloud-ID_1.x' })
    taroMock.router.params = { id: 'deal_tea', s: 'AbC12345', g: 'ignored_in_production' }
    const r = await render(<DealPage />)
    await waitForText(r, '本群 2 人已参与 · 3 份')
    // Asked once, with the group (not first without it).
    expect(calls(s, 'deals.page').map((c) => c.input)).toEqual([{ id: 'deal_tea', groupCloudID: 'wx-cloud-ID_1.x' }])
    expect(calls(s, 'promoters.visit').map((c) => c.input)).toEqual([{ shareCode: 'AbC12345', groupCloudID: 'wx-cloud-ID_1.x' }])
    expect(weapp.getGroupEnterInfo).toHaveBeenCalledTimes(1)
    expect(weapp.showShareMenu).toHaveBeenCalledWith({ withShareTicket: true })

    // The order carries it too (WeChat Pay answers, the payment callback arrives meanwhile).
    s.provider = 'wechat'
    taroExtras.requestPayment.mockImplementationOnce(async () => {
      s.markPaid('o_1')
      return { errMsg: 'requestPayment:ok' }
    })
    await click(getByText(r, '立即抢购'))
    await click(r.container.querySelector('.ck-submit .tk-button') as HTMLElement)
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(calls(s, 'orders.place')[0].input).toMatchObject({ dealId: 'deal_tea', shareCode: 'AbC12345', groupCloudID: 'wx-cloud-ID_1.x' })
  })

  it('not from a group (or the card opened another deal): no getGroupEnterInfo, no group, g ignored', async () => {
    const s = single(shop())
    asWeapp('o_consumer', { path: 'pages/deal/index', scene: 1044, query: { id: 'deal_other' }, shareTicket: 'tk_1' })
    taroMock.router.params = { id: 'deal_tea', g: 'g_demo' }
    const r = await render(<DealPage />)
    await waitForText(r, '接龙')
    expect(calls(s, 'deals.page').map((c) => c.input)).toEqual([{ id: 'deal_tea' }])
    expect(weapp.getGroupEnterInfo).not.toHaveBeenCalled()
  })

  it('getGroupEnterInfo fails: the page asks without a group', async () => {
    const s = single(shop())
    asWeapp('o_consumer', { path: '/pages/deal/index', scene: 1008, query: { id: 'deal_tea' } })
    taroMock.router.params = { id: 'deal_tea' }
    const r = await render(<DealPage />)
    await waitForText(r, '接龙')
    expect(weapp.getGroupEnterInfo).toHaveBeenCalledTimes(1)
    expect(calls(s, 'deals.page').map((c) => c.input)).toEqual([{ id: 'deal_tea' }])
  })
})

it('the buyer list is asked again every 10 s while the page is shown, not while hidden', async () => {
  // Fake timers that also move with real time (so rendering and polling helpers work), advanced by hand to 10 s.
  jest.useFakeTimers({ advanceTimers: true })
  const s = shop()
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '张**')
  // The first list came with the page (deals.page); only later ones ask the buyer list alone.
  expect(calls(s, 'deals.buyers')).toHaveLength(0)

  s.buyers = { ...s.buyers, totalBuyers: 4, totalUnits: 6, items: [{ name: '王**', units: 1, at: NOW }, ...s.buyers.items] }
  await act(async () => {
    jest.advanceTimersByTime(8_000)
  })
  expect(calls(s, 'deals.buyers')).toHaveLength(0)
  await act(async () => {
    jest.advanceTimersByTime(2_000)
  })
  await waitForText(r, '王**+1')
  expect(r.text()).toContain('4 人已参与 · 共 6 份')
  expect(calls(s, 'deals.buyers')).toHaveLength(1)

  // Hidden (another page on top): no polling. Shown again: the page refreshes at once, then polls again.
  await act(async () => {
    taroMock.trigger('didHide')
  })
  await act(async () => {
    jest.advanceTimersByTime(35_000)
  })
  expect(calls(s, 'deals.buyers')).toHaveLength(1)
  await act(async () => {
    taroMock.trigger('didShow')
  })
  // Back on screen: the whole page is read again, in its one call.
  await waitFor(() => expect(calls(s, 'deals.page')).toHaveLength(2))
  expect(calls(s, 'deals.buyers')).toHaveLength(1)
  await act(async () => {
    jest.advanceTimersByTime(10_000)
  })
  await waitFor(() => expect(calls(s, 'deals.buyers')).toHaveLength(2))
})

it('reviews: average, newest with photos and the shop reply; tapping a photo previews it', async () => {
  shop()
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '4.7 分 · 3 条评价')
  const items = r.container.querySelectorAll('.deal-review')
  expect(items).toHaveLength(2)
  expect(items[0].textContent).toContain('环境很安静，拿铁奶泡很细，下次还来。')
  expect(items[0].textContent).toContain('商家回复：谢谢喜欢，欢迎再来！')
  expect(items[0].querySelector('.deal-review__stars')?.getAttribute('aria-label')).toBe('5 星')
  expect(items[1].textContent).not.toContain('商家回复')
  const photo = items[0].querySelector('.deal-review__photo') as HTMLElement
  expect(photo.getAttribute('src')).toBe('/files/demo/latte-1.svg')
  await click(photo)
  expect(taroExtras.previewImage).toHaveBeenCalledWith({ urls: ['/files/demo/latte-1.svg'], current: '/files/demo/latte-1.svg' })
})

it('no reviews yet: says who may review', async () => {
  const s = shop()
  s.reviews = { average: null, count: 0, items: [] }
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '还没有评价 · 到店核销后的买家才能评价')
})

it('promoters.visit once per page with the share code; its failure changes nothing on the page', async () => {
  const s = shop()
  s.backend.failNext('promoters.visit', 'SHARE_NOT_FOUND')
  taroMock.router.params = { id: 'deal_tea', s: 'AbC12345' }
  const r = await render(<DealPage />)
  await waitForText(r, '双人下午茶套餐')
  await waitForText(r, '接龙')
  await act(async () => {
    void taroMock.trigger('pullDownRefresh')
  })
  await waitFor(() => expect(taroMock.stopPullDownRefresh).toHaveBeenCalled())
  expect(calls(s, 'promoters.visit').map((c) => c.input)).toEqual([{ shareCode: 'AbC12345' }])
  expect(r.text()).not.toContain('分享链接已失效')
  expect(r.text()).not.toContain('SHARE_NOT_FOUND')
})

it('pull-down refresh reads the deal, the buyers and the reviews again, in one call', async () => {
  const s = shop()
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '4.7 分')
  await act(async () => {
    void taroMock.trigger('pullDownRefresh')
  })
  await waitFor(() => expect(taroMock.stopPullDownRefresh).toHaveBeenCalled())
  expect([calls(s, 'deals.page').length, calls(s, 'deals.get').length, calls(s, 'deals.buyers').length, calls(s, 'deals.reviews').length]).toEqual([2, 0, 0, 0])
  void getByText
})

it('timeAgo', () => {
  expect([timeAgo(NOW - 10_000, NOW), timeAgo(NOW - 3 * MIN, NOW), timeAgo(NOW - 5 * 60 * MIN, NOW), timeAgo(NOW - 2 * 24 * 60 * MIN, NOW)]).toEqual(['刚刚', '3 分钟前', '5 小时前', '2 天前'])
  expect(timeAgo(NOW - 40 * 24 * 60 * MIN, NOW)).toBe('10月14日')
})
