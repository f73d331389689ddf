import { act } from 'react'
import { jest } from '@jest/globals'
import Taro from '@tarojs/taro'
import ReviewWritePage from '@/review/write/index'
import OrderPage from '@/pages/order/index'
import { ShopCard } from '@/features/deals/components/ShopCard'
import { canReview, parseReviewParams, reviewProblem, reviewPath } from '@/features/review/model/reviewForm'
import { forgetLocalIdentity } from '@/shared/api'
import type { OrderView } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, dealDetail } from './support/fake-backend'
import { code, orderView } from './support/fake-orders'
import { fakeUpload, pngFile } from './support/fake-upload'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'

const nav = {
  redirectTo: jest.fn(async (_o: { url: string }) => ({})),
  navigateBack: jest.fn(async () => ({})),
}
Object.assign(Taro as unknown as Record<string, unknown>, nav)

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  fakeUpload.reset()
  forgetLocalIdentity()
  nav.redirectTo.mockClear()
  nav.navigateBack.mockClear()
  taroMock.storage.set('tuanka.persona.openid', 'o_consumer')
})
afterEach(cleanup)

const A = 'ABCD2345EFGH'
const B = 'JKLM6789NPQR'
const used = orderView({ id: 'o_used', codes: [code(A, 'redeemed'), code(B)] })
const unused = orderView({ id: 'o_new', codes: [code(A), code(B)] })

function backend(...orders: OrderView[]) {
  const b = new FakeBackend().on('orders.get', (input) => {
    const o = orders.find((x) => x.id === input.id)
    if (!o) throw Object.assign(new Error('x'), { code: 'ORDER_NOT_FOUND' })
    return o
  })
  b.install()
  fakeUpload.install()
  return b
}

async function open(orderId: string, dealTitle = '双人下午茶套餐'): Promise<Rendered> {
  taroMock.router.params = { orderId, dealTitle: encodeURIComponent(dealTitle) }
  return render(<ReviewWritePage />)
}

const textarea = (r: Rendered) => r.container.querySelector('.rv-textarea textarea') as HTMLTextAreaElement
const submitButton = (r: Rendered) => Array.from(r.container.querySelectorAll<HTMLElement>('.tk-button')).find((b) => /提交|正在|上传中/.test(b.textContent ?? ''))!

async function typeText(r: Rendered, value: string) {
  await waitFor(() => expect(textarea(r)).not.toBeNull())
  await act(async () => {
    textarea(r).value = value
    textarea(r).dispatchEvent(new Event('input', { bubbles: true }))
  })
}

describe('写评价', () => {
  it('rates, writes, adds photos and submits once; the success state links back to the deal', async () => {
    const b = backend(used)
    const review = b.hold('deals.review')
    b.on('deals.review', (input) => ({ id: 'rv_1', rating: input.rating, text: input.text, photos: input.photos, name: '林**', at: Date.now(), reply: null }))
    const r = await open('o_used')
    await waitForText(r, '整体评分')
    expect(r.text()).toContain('双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份')
    expect(r.text()).toContain('拾光咖啡（万象城店） · 已核销')

    await click(submitButton(r))
    await waitForText(r, '请先点星星打分')
    expect(b.calls.some((c) => c.action === 'review')).toBe(false)

    await click(r.container.querySelector('[data-star="4"]')!)
    expect(r.container.querySelectorAll('.rv-star--on')).toHaveLength(4)
    expect(r.text()).toContain('满意')
    expect(r.text()).not.toContain('请先点星星打分')

    await typeText(r, '  拿铁很香，蛋糕略甜  ')
    expect(r.text()).toContain('9/500')

    fakeUpload.pick(pngFile('a.png', 1), pngFile('b.png', 2))
    await click(getByText(r, '添加照片'))
    expect(fakeUpload.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 3 }))
    await waitFor(() => expect(r.container.querySelectorAll('.tk-upload__tile:not(.tk-upload__tile--pending)')).toHaveLength(2))
    expect(r.container.querySelector('.tk-upload__cover')).toBeNull() // review photos have no cover
    fakeUpload.pick(pngFile('c.png', 3))
    await click(getByText(r, '添加照片'))
    await waitFor(() => expect(r.container.querySelectorAll('.tk-upload__tile:not(.tk-upload__tile--pending)')).toHaveLength(3))
    expect(r.container.querySelector('.tk-upload__add')).toBeNull() // three is the most

    await click(submitButton(r))
    await waitForText(r, '正在提交…')
    await click(submitButton(r)) // a second tap while sending sends nothing more
    review()
    await waitForText(r, '评价已发布')
    const sent = b.calls.filter((c) => c.action === 'review')
    expect(sent).toHaveLength(1)
    expect(sent[0].input).toEqual({
      orderId: 'o_used',
      rating: 4,
      text: '拿铁很香，蛋糕略甜',
      photos: [1, 2, 3].map((n) => `/files/uploads/${String(n).padStart(32, '0')}.png`),
    })
    expect(r.text()).toContain('★★★★☆ 满意')
    await click(getByText(r, '查看团购和评价'))
    expect(nav.redirectTo).toHaveBeenCalledWith({ url: '/pages/deal/index?id=deal_tea' })
  })

  it('ALREADY_REVIEWED shows 已评价, and the page opens on it next time', async () => {
    const b = backend(used)
    b.failNext('deals.review', 'ALREADY_REVIEWED')
    const r = await open('o_used')
    await waitForText(r, '整体评分')
    await click(r.container.querySelector('[data-star="5"]')!)
    await click(submitButton(r))
    await waitForText(r, '已评价')
    expect(r.text()).toContain('这个订单已经评价过了')
    expect(r.text()).not.toContain('ALREADY_REVIEWED')
    cleanup()

    const again = await open('o_used')
    await waitForText(again, '查看团购和评价')
    expect(again.text()).toContain('已评价')
    expect(again.text()).not.toContain('整体评分')
  })

  it('an order without a used code cannot be reviewed; the server saying so is shown in words too', async () => {
    const b = backend(unused, used)
    const r = await open('o_new')
    await waitForText(r, '核销后才能评价')
    expect(r.text()).toContain('到店使用券码后，再来说说体验吧')
    cleanup()

    b.failNext('deals.review', 'REVIEW_NOT_ALLOWED')
    const r2 = await open('o_used')
    await waitForText(r2, '整体评分')
    await click(r2.container.querySelector('[data-star="3"]')!)
    await click(submitButton(r2))
    await waitForText(r2, '核销后才能评价')
    expect(r2.text()).toContain('整体评分') // the form stays, with what was written
  })

  it('holds submit while a photo uploads, and keeps the form after a network failure', async () => {
    const b = backend(used)
    b.on('deals.review', (input) => ({ id: 'rv_1', rating: input.rating, text: input.text, photos: input.photos, name: '林**', at: Date.now(), reply: null }))
    const r = await open('o_used')
    await waitForText(r, '整体评分')
    await click(r.container.querySelector('[data-star="5"]')!)
    const release = fakeUpload.hold()
    fakeUpload.pick(pngFile('a.png', 1))
    await click(getByText(r, '添加照片'))
    await waitForText(r, '照片上传中…')
    expect(submitButton(r).className).toContain('tk-button--disabled')
    release()
    await waitForText(r, '提交评价')

    b.networkDown = true
    await click(submitButton(r))
    await waitForText(r, '网络不太好')
    b.networkDown = false
    await click(submitButton(r))
    await waitForText(r, '评价已发布')
    expect(b.calls.filter((c) => c.action === 'review').at(-1)?.input.photos).toEqual([`/files/uploads/${'1'.padStart(32, '0')}.png`])
  })

  it('a missing or bad order id, or an order of someone else, is explained', async () => {
    backend()
    const r = await open('../x')
    await waitForText(r, '没有找到要评价的订单')
    cleanup()
    const r2 = await open('o_other')
    await waitForText(r2, '没有找到要评价的订单')
  })
})

describe('order page → 写评价', () => {
  it('shows 写评价 only once a code was used, with the order and the deal title', async () => {
    const b = new FakeBackend()
      .on('orders.get', (input) => (input.id === 'o_used' ? used : unused))
      .on('shops.get', () => dealDetail({ id: 'deal_tea', title: 'x' }).shop)
      .install()
    taroMock.router.params = { id: 'o_new' }
    const r = await render(<OrderPage />)
    await waitForText(r, '券码')
    expect(r.text()).not.toContain('写评价')
    cleanup()

    taroMock.router.params = { id: 'o_used' }
    const r2 = await render(<OrderPage />)
    await waitForText(r2, '写评价')
    await click(getByText(r2, '写评价'))
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: reviewPath('o_used', used.dealTitle) })
    expect(parseReviewParams({ orderId: 'o_used', dealTitle: encodeURIComponent(used.dealTitle) })).toEqual({ orderId: 'o_used', dealTitle: used.dealTitle })
    expect(b.calls.length).toBeGreaterThan(0)
    cleanup()

    // Once reviewed (the server says so on the order), no second invitation.
    new FakeBackend().on('orders.get', () => ({ ...used, reviewed: true })).install()
    const r3 = await render(<OrderPage />)
    await waitForText(r3, '已评价')
    expect(r3.text()).not.toContain('写评价')
  })
})

describe('shop card → 导航', () => {
  const shop = dealDetail({ id: 'deal_tea', title: 'x' }).shop

  it('offers 导航 only when the shop has a location, and opens the map at it', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null)
    const r = await render(<ShopCard shop={shop} />)
    await click(getByText(r, '导航'))
    expect(open.mock.calls[0][0]).toContain('22.5186,113.9497')
    open.mockRestore()
    cleanup()
    const r2 = await render(<ShopCard shop={{ ...shop, location: null }} />)
    expect(r2.text()).not.toContain('导航')
  })
})

describe('review rules', () => {
  it('rating 1-5 is required, text at most 500 characters (trimmed), a used code is needed', () => {
    expect(reviewProblem(0, '')).toBe('请先点星星打分')
    expect(reviewProblem(6, '')).toBe('请先点星星打分')
    expect(reviewProblem(5, '')).toBeNull()
    expect(reviewProblem(5, ` ${'好'.repeat(500)} `)).toBeNull()
    expect(reviewProblem(5, '好'.repeat(501))).toBe('评价最多 500 字')
    expect(canReview({ codes: [code(A, 'refunded'), code(B)] })).toBe(false)
    expect(canReview({ codes: [code(A, 'refunded'), code(B, 'redeemed')] })).toBe(true)
    expect(parseReviewParams({ orderId: 'a b' })).toEqual({ orderId: null, dealTitle: '' })
  })
})
