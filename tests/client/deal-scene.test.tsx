import { act } from 'react'
import DealPage from '@/pages/deal/index'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, Refusal } from './support/fake-backend'
import { FakeShop } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText } from './support/render'

// A poster's mini-program code (wxacode.getUnlimited, scene = the share code) opens pages/deal/index?scene=<code>
// with no deal id; WeChat hands the scene URL-encoded.
const CODE = 'Zx9Kq2Lm'

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
})
afterEach(() => cleanup())

function shop() {
  const s = new FakeShop(new FakeBackend())
  s.backend.on('promoters.visit', (input) => {
    if (input.shareCode !== CODE) throw new Refusal('SHARE_NOT_FOUND')
    return { bound: true, dealId: s.deal.id }
  })
  return s.install()
}

const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key).map((c) => c.input)

it('a scanned code shows the share\'s deal: the visit (recorded once, also through a refresh) names it, then one deals.page', async () => {
  const s = shop()
  taroMock.router.params = { scene: encodeURIComponent(CODE) }
  const r = await render(<DealPage />)
  await waitForText(r, '双人下午茶套餐')
  await act(async () => {
    void taroMock.trigger('pullDownRefresh')
  })
  await waitFor(() => expect(taroMock.stopPullDownRefresh).toHaveBeenCalled())
  expect(calls(s, 'promoters.visit')).toEqual([{ shareCode: CODE }])
  expect(calls(s, 'deals.page')).toEqual([{ id: 'deal_tea' }, { id: 'deal_tea' }])
})

it('a forged scene ends calmly in 找不到这个团购: one visit refused, no deal asked, nothing technical shown', async () => {
  const s = shop()
  taroMock.router.params = { scene: 'Forged000' }
  const r = await render(<DealPage />)
  await waitForText(r, '找不到这个团购')
  expect(calls(s, 'promoters.visit')).toEqual([{ shareCode: 'Forged000' }])
  expect(calls(s, 'deals.page')).toEqual([])
  expect(r.text()).not.toContain('SHARE_NOT_FOUND')
  await click(getByText(r, '去首页'))
  expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
})

it('a malformed scene asks nobody and says 找不到这个团购', async () => {
  const s = shop()
  taroMock.router.params = { scene: encodeURIComponent('<b>x</b>"; drop') }
  const r = await render(<DealPage />)
  await waitForText(r, '找不到这个团购')
  expect(s.backend.calls).toEqual([])
})

it('a visit that gets no answer shows the error with a retry, which then finds the deal', async () => {
  const s = shop()
  s.backend.failNext('promoters.visit', 'INTERNAL')
  taroMock.router.params = { scene: CODE }
  const r = await render(<DealPage />)
  await waitForText(r, '服务开小差了，请稍后再试')
  expect(calls(s, 'deals.page')).toEqual([])
  await click(getByText(r, '重新加载'))
  await waitForText(r, '双人下午茶套餐')
  expect(calls(s, 'promoters.visit')).toEqual([{ shareCode: CODE }, { shareCode: CODE }])
  expect(calls(s, 'deals.page')).toEqual([{ id: 'deal_tea' }])
})

it('a link with the deal id and the share code still records the visit once and asks the deal at once', async () => {
  const s = shop()
  taroMock.router.params = { id: 'deal_tea', s: CODE }
  const r = await render(<DealPage />)
  await waitForText(r, '双人下午茶套餐')
  await waitFor(() => expect(calls(s, 'promoters.visit')).toEqual([{ shareCode: CODE }]))
  expect(calls(s, 'deals.page')).toEqual([{ id: 'deal_tea' }])
})
