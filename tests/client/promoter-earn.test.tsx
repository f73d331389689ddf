import { jest } from '@jest/globals'
import type { DealEarning } from '@core/contracts/views'
import HomePage from '@/pages/index/index'
import { forgetShareCodes, PromoterShareEntry, type ShareCodeState } from '@/features/promoter/share'
import { writeRoleHint } from '@/features/promoter/model/roleHint'
import { forgetLocalIdentity } from '@/shared/api'
import Taro, { taroMock } from '../support/taro-mock'
import { FakeBackend, dealCard } from './support/fake-backend'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'
import { asWeapp, weapp } from './support/weapp'

/** 分享赚: a promoter sees what one share-sold unit earns on every card and on the deal page, and shares in one tap. */
const PROMOTER = 'o_promoter'
const CODE = 'S7KQ2MXP9RTA'
const DEALS = [dealCard({ id: 'deal_tea', title: '双人下午茶套餐', priceFen: 6800 }), dealCard({ id: 'deal_latte', title: '单人拿铁券', priceFen: 1990 }), dealCard({ id: 'deal_free', title: '代金券' })]
const earning = (over: Partial<DealEarning> & Pick<DealEarning, 'dealId'>): DealEarning => ({ perUnitFen: 680, rateFen: 680, approval: 'not_required', selfPurchase: false, ...over })
const EARNINGS = [earning({ dealId: 'deal_tea' }), earning({ dealId: 'deal_latte', perUnitFen: 0, rateFen: 199, approval: 'pending' }), earning({ dealId: 'deal_free', perUnitFen: 0, rateFen: 0 })]

const setClipboardData = jest.fn<(o: { data: string }) => Promise<unknown>>()
Object.assign(Taro as unknown as Record<string, unknown>, { setClipboardData: (o: { data: string }) => setClipboardData(o) })

function backend() {
  return new FakeBackend()
    .on('deals.list', () => ({ items: DEALS, nextCursor: null }))
    .on('promoters.earnings', (input) => ({ items: EARNINGS.filter((e) => (input.dealIds as string[]).includes(e.dealId)) }))
    .on('promoters.share', (input) => ({ shareCode: CODE, path: `/pages/deal/index?id=${String(input.dealId)}&s=${CODE}`, scene: CODE, approval: 'not_required' }))
    .install()
}
const calls = (b: FakeBackend, key: string) => b.calls.filter((c) => `${c.fn}.${c.action}` === key)
const cardOf = (r: Awaited<ReturnType<typeof render>>, title: string) => getByText(r, title).closest('.deal-card') as HTMLElement

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  forgetShareCodes()
  setClipboardData.mockReset()
  setClipboardData.mockResolvedValue({ errMsg: 'setClipboardData:ok' })
  taroMock.storage.set('tuanka.persona.openid', PROMOTER)
})
afterEach(() => {
  weapp.restore()
  cleanup()
})

describe('分享赚 on the home feed', () => {
  it('a promoter sees it on every card that pays (or will once approved), asked once for the whole page; tapping copies the link with their code (h5) and does not open the deal', async () => {
    writeRoleHint(true)
    const b = backend()
    const r = await render(<HomePage />)
    await waitForText(r, '分享赚¥6.8 · 复制链接')
    expect(cardOf(r, '单人拿铁券').textContent).toContain('审核后分享赚 · 复制链接')
    expect(cardOf(r, '代金券').textContent).not.toContain('分享赚')
    expect(calls(b, 'promoters.earnings').map((c) => c.input)).toEqual([{ dealIds: ['deal_tea', 'deal_latte', 'deal_free'] }])

    await click(getByText(r, '分享赚¥6.8 · 复制链接'))
    await waitFor(() => expect(setClipboardData).toHaveBeenCalledTimes(1))
    expect(setClipboardData.mock.calls[0][0].data).toBe(`${window.location.origin}${window.location.pathname}#/pages/deal/index?id=deal_tea&s=${CODE}`)
    expect(calls(b, 'promoters.share').map((c) => c.input)).toEqual([{ dealId: 'deal_tea', channel: 'link' }])
    expect(taroMock.navigateTo).not.toHaveBeenCalled()
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith({ title: '分享链接已复制，发给好友或群聊', icon: 'none' }))
  })

  it('anyone this device does not know as a promoter sees plain cards and asks nothing more', async () => {
    writeRoleHint(false)
    const b = backend()
    const r = await render(<HomePage />)
    await waitForText(r, '双人下午茶套餐')
    expect(r.text()).not.toContain('分享赚')
    expect(calls(b, 'promoters.earnings')).toHaveLength(0)
  })

  it('weapp: the card’s 分享 shares that deal with the promoter’s code; the menu shares the home page', async () => {
    asWeapp(PROMOTER)
    writeRoleHint(true)
    backend()
    const r = await render(<HomePage />)
    await waitForText(r, '分享赚¥6.8 · 分享')
    const button = getByText(r, '分享赚¥6.8 · 分享')
    expect(button.getAttribute('data-deal')).toBe('deal_tea')
    const card = taroMock.trigger('shareAppMessage', { from: 'button', target: { dataset: { deal: 'deal_tea', title: '双人下午茶套餐' } } }) as { title: string; path: string; promise: Promise<{ path: string }> }
    expect(card).toMatchObject({ title: '双人下午茶套餐', path: '/pages/deal/index?id=deal_tea' })
    expect(await card.promise).toEqual({ title: '双人下午茶套餐', path: `/pages/deal/index?id=deal_tea&s=${CODE}` })
    expect(taroMock.trigger('shareAppMessage', { from: 'menu' })).toEqual({ title: '团卡 · 身边好店的团购', path: '/pages/index/index' })
  })
})

describe('分享赚 on the deal page (its promoter entry)', () => {
  const state = (e: DealEarning): ShareCodeState => ({
    isPromoter: true,
    share: { shareCode: CODE, path: `/pages/deal/index?id=deal_tea&s=${CODE}`, scene: CODE, approval: e.approval, earning: e },
    shareCode: CODE,
    loading: false,
    error: null,
    retry: () => {},
  })

  it.each([
    [earning({ dealId: 'deal_tea' }), '推手分享 · 每份赚¥6.8', '每卖出 1 份赚 ¥6.8，核销后结算；自购不计佣金'],
    [earning({ dealId: 'deal_tea', selfPurchase: true }), '推手分享 · 每份赚¥6.8', '每卖出 1 份赚 ¥6.8，核销后结算'],
    [earning({ dealId: 'deal_tea', perUnitFen: 0, approval: 'pending' }), '推手分享', '店铺审核中，通过后每份赚 ¥6.8（之前的订单不计）'],
    [earning({ dealId: 'deal_tea', perUnitFen: 0, approval: 'rejected' }), '推手分享', '店铺未通过你的推手申请，订单不计佣金'],
    [earning({ dealId: 'deal_tea', perUnitFen: 0, rateFen: 0 }), '推手分享', '这个团购不设推手佣金'],
  ])('%#: says what a share-sold unit earns, or why nothing now', async (e, title, note) => {
    const r = await render(<PromoterShareEntry dealId='deal_tea' share={state(e)} />)
    expect(r.container.querySelector('.promo-share__title')?.textContent).toBe(title)
    expect(r.container.querySelector('.promo-share__hint')?.textContent).toBe(note)
  })

  it('h5: 复制链接 copies the deal link with the promoter’s code in one tap', async () => {
    const b = backend()
    const r = await render(<PromoterShareEntry dealId='deal_tea' share={state(earning({ dealId: 'deal_tea' }))} />)
    await click(getByText(r, '复制链接'))
    await waitFor(() => expect(setClipboardData).toHaveBeenCalledWith({ data: `${window.location.origin}${window.location.pathname}#/pages/deal/index?id=deal_tea&s=${CODE}` }))
    expect(calls(b, 'promoters.share').map((c) => c.input)).toEqual([{ dealId: 'deal_tea', channel: 'link' }])
  })
})
