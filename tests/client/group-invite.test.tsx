import { jest } from '@jest/globals'
import type { GroupProgress } from '@core/contracts/views'
import DealPage from '@/pages/deal/index'
import OrderPage from '@/pages/order/index'
import { chatLine, deadlineLine, inviteTitle, progressLine } from '@/features/group'
import { forgetLocalIdentity } from '@/shared/api'
import Taro, { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, NOW, dealDetail } from './support/fake-backend'
import { FakeShop, code, orderView } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'
import { asWeapp, weapp } from './support/weapp'

const HOUR = 3600_000
const setClipboardData = jest.fn<(o: { data: string }) => Promise<unknown>>()
const updateShareMenu = jest.fn<(o: Record<string, unknown>) => Promise<unknown>>()
Object.assign(Taro as unknown as Record<string, unknown>, {
  setClipboardData: (o: { data: string }) => setClipboardData(o),
  updateShareMenu: (o: Record<string, unknown>) => updateShareMenu(o),
})

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
  setClipboardData.mockReset()
  setClipboardData.mockResolvedValue({ errMsg: 'setClipboardData:ok' })
  updateShareMenu.mockReset()
  updateShareMenu.mockResolvedValue({ errMsg: 'updateShareMenu:ok' })
})
afterEach(() => {
  cleanup()
  weapp.restore()
})

const forming = (over: Partial<GroupProgress> = {}): GroupProgress => ({ by: 'units', min: 20, count: 7, deadline: NOW + 2 * 24 * HOUR + 3 * HOUR, status: 'forming', ...over })

function shopWith(group: GroupProgress | null) {
  const s = new FakeShop(new FakeBackend(), dealDetail({ id: 'deal_hotpot', title: '4人火锅套餐', group, priceFen: 29800 }))
  return s.install()
}

describe('the words', () => {
  it('say what is missing in the unit the deal counts, and the group first', () => {
    expect(inviteTitle(forming())).toBe('还差 13 份成团')
    expect(inviteTitle(forming({ by: 'buyers', min: 3, count: 1 }))).toBe('还差 2 人成团')
    expect(inviteTitle(forming({ count: 20 }))).toBe('人数已够，即将成团')
    expect(progressLine(forming({ by: 'buyers', min: 3, count: 1 }))).toBe('已拼 1/3 人')
    expect(chatLine({ buyers: 2, units: 3 })).toBe('本群 2 人已参与 · 3 份')
    expect(chatLine({ buyers: 0, units: 0 })).toBe('本群还没有人参与，邀请群友一起拼')
  })
  it('tick towards the deadline, then say the group is being decided', () => {
    const g = forming({ deadline: NOW + 26 * HOUR + 5_000 })
    expect(deadlineLine(g, NOW)).toBe('距截止 1天 02:00:05')
    expect(deadlineLine(g, NOW + 1_000)).toBe('距截止 1天 02:00:04')
    expect(deadlineLine(g, g.deadline)).toBe('已到截止时间，正在确认是否成团')
  })
})

it('deal page of a forming group opened from a WeChat group: that group first, then the progress, the deadline, one invite', async () => {
  const s = shopWith(forming())
  s.buyers = { totalBuyers: 4, totalUnits: 7, items: [], group: { buyers: 2, units: 3, items: [] } }
  taroMock.router.params = { id: 'deal_hotpot', g: 'g_neighbours' }
  const r = await render(<DealPage />)
  await waitForText(r, '本群 2 人已参与 · 3 份')
  const invite = r.container.querySelector('.gi') as HTMLElement
  const text = invite.textContent ?? ''
  expect(text).toContain('还差 13 份成团')
  expect(text.indexOf('本群 2 人已参与')).toBeLessThan(text.indexOf('已拼 7/20 份'))
  expect(text).toMatch(/距截止 2天 0[23]:\d\d:\d\d/)
  expect(invite.querySelectorAll('.gi__btn')).toHaveLength(1)

  // h5: the invite opens the card as the group would see it, and its link keeps the group the page came from.
  await click(getByText(r, '邀请群友拼团'))
  await waitForText(r, '复制链接')
  const link = r.container.querySelector('.sc-link')?.textContent ?? ''
  expect(link).toMatch(/#\/pages\/deal\/index\?id=deal_hotpot&g=g_neighbours$/)
  await click(getByText(r, '复制链接'))
  expect(setClipboardData).toHaveBeenCalledWith({ data: link })
  await waitForText(r, '关闭')
  await click(getByText(r, '关闭'))
  expect(r.container.querySelector('.sc-link')).toBeNull()
})

it('not from a group: no 本群 line, and the shared link names a new group', async () => {
  shopWith(forming({ by: 'buyers', min: 3, count: 1 }))
  taroMock.router.params = { id: 'deal_hotpot' }
  const r = await render(<DealPage />)
  await waitForText(r, '还差 2 人成团')
  expect(r.text()).not.toContain('本群')
  await click(getByText(r, '邀请群友拼团'))
  await waitForText(r, '复制链接')
  expect(r.container.querySelector('.sc-link')?.textContent).toMatch(/id=deal_hotpot&g=g_[a-z0-9]{8}$/)
})

it('a decided group shows how it ended, no invite', async () => {
  shopWith(forming({ status: 'succeeded', count: 21 }))
  taroMock.router.params = { id: 'deal_hotpot' }
  const r = await render(<DealPage />)
  await waitForText(r, '已成团 · 21 份')
  expect(r.text()).not.toContain('邀请群友拼团')
})

it('weapp: the invite is a share button (open-type share) and the page shares with a share ticket', async () => {
  const s = shopWith(forming())
  s.deal = { ...s.deal, images: ['/files/demo/hotpot-1.svg'] } // one photo: no native swiper in jsdom
  asWeapp()
  taroMock.router.params = { id: 'deal_hotpot' }
  const r = await render(<DealPage />)
  await waitForText(r, '还差 13 份成团')
  const btn = r.container.querySelector('.gi__btn') as HTMLElement
  expect(btn.getAttribute('open-type') ?? btn.getAttribute('opentype') ?? (btn as unknown as { openType?: string }).openType).toBe('share')
  expect(weapp.showShareMenu).toHaveBeenCalledWith({ withShareTicket: true })
  expect(r.container.querySelector('.sc-link')).toBeNull()
})

it('拼团中 order: the deal\'s group and the invite under the state; the share opens the deal, not the order', async () => {
  const s = shopWith(forming({ count: 19 }))
  s.add(orderView({ id: 'o_group', dealId: 'deal_hotpot', dealTitle: '4人火锅套餐', state: 'grouping', qty: 1, unitPriceFen: 29800, codes: [code('STUV2345WXYZ')] }))
  taroMock.router.params = { id: 'o_group' }
  const r = await render(<OrderPage />)
  await waitForText(r, '还差 1 份成团')
  expect(r.text()).toContain('已拼 19/20 份')
  const share = taroMock.trigger('shareAppMessage') as { title: string; path: string }
  expect(share).toMatchObject({ title: '一起拼团！¥298 4人火锅套餐', path: '/pages/deal/index?id=deal_hotpot' })
})

it('a paid order shows no invite and asks for no deal', async () => {
  const s = shopWith(forming())
  s.add(orderView({ id: 'o_paid', dealId: 'deal_hotpot', state: 'paid', codes: [code('STUV2345WXYZ')] }))
  taroMock.router.params = { id: 'o_paid' }
  const r = await render(<OrderPage />)
  await waitForText(r, '券码')
  expect(r.text()).not.toContain('邀请群友拼团')
  expect(s.backend.calls.filter((c) => c.fn === 'deals' && c.action === 'get')).toHaveLength(0)
})

/** orders.groupCard answered by the fake, and what the emulated WeChat recorded for the card (GET /local/updatable-message). */
function liveCard(s: FakeShop, card: { activityId: string | null; memberCount: number; roomLimit: number; chat: { buyers: number; units: number } | null }, recorded: unknown) {
  s.backend.on('orders.groupCard', () => card)
  const inner = globalThis.fetch
  const asked: string[] = []
  globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url).replace(/^https?:\/\/[^/]+/, '')
    if (path.startsWith('/local/updatable-message')) {
      asked.push(path)
      const text = JSON.stringify({ ok: true, data: recorded })
      return { status: 200, ok: true, text: async () => text, json: async () => JSON.parse(text) } as unknown as Response
    }
    return inner(url as string, init)
  }) as unknown as typeof fetch
  return asked
}

describe('the live card (动态消息)', () => {
  it('h5: the preview shows what WeChat would draw under the card, read for its activity id', async () => {
    const s = shopWith(forming())
    const asked = liveCard(s, { activityId: 'act#1', memberCount: 7, roomLimit: 20, chat: null }, { text: '成员正在加入，当前 7/20 人', targetState: 0 })
    taroMock.router.params = { id: 'deal_hotpot' }
    const r = await render(<DealPage />)
    await waitForText(r, '还差 13 份成团')
    await click(getByText(r, '邀请群友拼团'))
    await waitForText(r, '成员正在加入，当前 7/20 人')
    expect(asked).toEqual(['/local/updatable-message?activityId=act%231'])
    expect(s.backend.calls.filter((c) => c.action === 'groupCard').map((c) => c.input)).toEqual([{ dealId: 'deal_hotpot' }])
  })

  it('h5: a card that reached its final state reads 已开始', async () => {
    const s = shopWith(forming())
    liveCard(s, { activityId: 'act#2', memberCount: 20, roomLimit: 20, chat: null }, { text: '已开始', targetState: 1 })
    taroMock.router.params = { id: 'deal_hotpot' }
    const r = await render(<DealPage />)
    await waitForText(r, '还差 13 份成团')
    await click(getByText(r, '邀请群友拼团'))
    await waitForText(r, '已开始')
    expect(r.container.querySelector('.sc-card__live--ended')).not.toBeNull()
  })

  it('order page: the WeChat group the order came from goes first', async () => {
    const s = shopWith(forming({ count: 9 }))
    liveCard(s, { activityId: 'act#3', memberCount: 9, roomLimit: 20, chat: { buyers: 2, units: 3 } }, null)
    s.add(orderView({ id: 'o_group', dealId: 'deal_hotpot', dealTitle: '4人火锅套餐', state: 'grouping', qty: 1, unitPriceFen: 29800, codes: [code('STUV2345WXYZ')] }))
    taroMock.router.params = { id: 'o_group' }
    const r = await render(<OrderPage />)
    await waitForText(r, '本群 2 人已参与 · 3 份')
    const text = r.container.querySelector('.gi')?.textContent ?? ''
    expect(text.indexOf('本群 2 人')).toBeLessThan(text.indexOf('已拼 9/20 份'))
    expect(s.backend.calls.filter((c) => c.action === 'groupCard').map((c) => c.input)).toEqual([{ dealId: 'deal_hotpot', orderId: 'o_group' }])
  })

  it('weapp: the share menu becomes an updatable message with the activity id and x/y', async () => {
    const s = shopWith(forming())
    s.deal = { ...s.deal, images: ['/files/demo/hotpot-1.svg'] }
    liveCard(s, { activityId: 'act#4', memberCount: 7, roomLimit: 20, chat: null }, null)
    asWeapp()
    taroMock.router.params = { id: 'deal_hotpot' }
    const r = await render(<DealPage />)
    await waitForText(r, '还差 13 份成团')
    await waitFor(() => expect(updateShareMenu).toHaveBeenCalled())
    expect(updateShareMenu).toHaveBeenCalledWith({
      withShareTicket: true,
      isUpdatableMessage: true,
      activityId: 'act#4',
      templateInfo: { parameterList: [{ name: 'member_count', value: '7' }, { name: 'room_limit', value: '20' }] },
    })
  })

  it('no card from the server (failure or a decided group): the invite still works, the menu stays plain', async () => {
    const s = shopWith(forming())
    s.backend.on('orders.groupCard', () => {
      throw new Error('boom')
    })
    taroMock.router.params = { id: 'deal_hotpot' }
    const r = await render(<DealPage />)
    await waitForText(r, '还差 13 份成团')
    await click(getByText(r, '邀请群友拼团'))
    await waitForText(r, '复制链接')
    expect(r.text()).not.toContain('成员正在加入')
    expect(updateShareMenu).not.toHaveBeenCalled()
  })
})
