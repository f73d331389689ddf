import type { MessageTemplate } from '@core/contracts/views'
import DealPage from '@/pages/deal/index'
import { chooseLocalPersona, forgetLocalIdentity } from '@/shared/api'
import { forgetMessageTemplates, pickTemplates, requestSubscribe, sendPendingConsent } from '@/shared/subscribe'
import { taroMock } from '../support/taro-mock'
import { taroExtras } from './support/taro-extras'
import { FakeBackend, NOW, dealDetail } from './support/fake-backend'
import { FakeShop } from './support/fake-orders'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'
import { asWeapp, weapp } from './support/weapp'

const TEMPLATES: MessageTemplate[] = [
  { kind: 'paid', templateId: 'T_PAID', title: '支付成功通知' },
  { kind: 'group_succeeded', templateId: 'T_GROUP', title: '拼团结果通知' },
  { kind: 'group_failed', templateId: 'T_GROUP', title: '拼团结果通知' },
  { kind: 'expiring', templateId: 'T_EXPIRING', title: '券码到期提醒' },
  { kind: 'refunded', templateId: 'T_REFUND', title: '退款通知' },
  { kind: 'settled', templateId: 'T_SETTLED', title: '佣金到账通知' },
]

beforeEach(() => {
  taroMock.reset()
  taroExtras.reset()
  forgetLocalIdentity()
  forgetMessageTemplates()
})
afterEach(() => {
  cleanup()
  document.querySelectorAll('.sub-mask').forEach((e) => e.remove())
  weapp.restore()
})

function shop(over: Partial<Parameters<typeof dealDetail>[0]> = {}) {
  const s = new FakeShop(new FakeBackend(), dealDetail({ id: 'deal_tea', title: '双人下午茶套餐', images: ['/files/demo/coffee-1.svg'], ...over }))
  s.backend.on('orders.messageTemplates', () => TEMPLATES).on('orders.subscribe', (input) => (input.accepted as string[]).map((kind) => ({ kind, credits: 1 })))
  return s.install()
}

const calls = (s: FakeShop, key: string) => s.backend.calls.filter((c) => `${c.fn}.${c.action}` === key)
const submitButton = (r: Rendered) => r.container.querySelector('.ck-sheet .ck-submit .tk-button') as HTMLElement
const consentSheet = () => document.querySelector('.sub-sheet') as HTMLElement | null

async function openSheet(s: FakeShop): Promise<Rendered> {
  taroMock.router.params = { id: 'deal_tea' }
  const r = await render(<DealPage />)
  await waitForText(r, '立即抢购')
  await click(getByText(r, '立即抢购'))
  await waitForText(r, '购买数量')
  await waitFor(() => expect(calls(s, 'orders.messageTemplates')).toHaveLength(1)) // fetched when the sheet opens
  return r
}

/** WeChat Pay succeeds and WeChat calls the payments function back while the sheet is "open". */
function wechatPays(s: FakeShop) {
  s.provider = 'wechat'
  taroExtras.requestPayment.mockImplementation(async () => {
    s.markPaid('o_1')
    return { errMsg: 'requestPayment:ok' }
  })
}

describe('mini-program: Taro.requestSubscribeMessage in the pay button\'s tap', () => {
  it('asks for the three templates, inside the tap, then reports exactly the accepted kinds; payment goes on', async () => {
    const s = shop()
    wechatPays(s)
    asWeapp()
    const r = await openSheet(s)
    let callsAtConsent = -1
    weapp.requestSubscribeMessage.mockImplementation(async () => {
      callsAtConsent = s.backend.calls.length
      return { errMsg: 'requestSubscribeMessage:ok', T_PAID: 'accept', T_REFUND: 'reject', T_EXPIRING: 'accept' }
    })
    const before = s.backend.calls.length
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(weapp.requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(weapp.requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ['T_PAID', 'T_REFUND', 'T_EXPIRING'] })
    expect(callsAtConsent).toBe(before) // opened synchronously in the tap, before orders.place or anything else
    await waitFor(() => expect(calls(s, 'orders.subscribe').map((c) => c.input)).toEqual([{ accepted: ['paid', 'expiring'] }]))
    expect(calls(s, 'orders.subscribe')[0].openid).toBe('o_consumer')
    expect(taroExtras.requestPayment).toHaveBeenCalledTimes(1)
    expect(calls(s, 'orders.messageTemplates')).toHaveLength(1) // once per session
  })

  it('a forming group: 支付成功 / 拼团结果 (one template for both results) / 退款; accepting the group template gives both kinds', async () => {
    const s = shop({ group: { by: 'units', min: 10, count: 3, deadline: NOW + 3600_000, status: 'forming' } })
    wechatPays(s)
    asWeapp()
    const r = await openSheet(s)
    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_PAID: 'reject', T_GROUP: 'accept', T_REFUND: 'ban' })
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalled())
    expect(weapp.requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ['T_PAID', 'T_GROUP', 'T_REFUND'] })
    await waitFor(() => expect(calls(s, 'orders.subscribe').map((c) => c.input)).toEqual([{ accepted: ['group_succeeded', 'group_failed'] }]))
  })

  it('everything rejected: nothing reported; the payment goes on', async () => {
    const s = shop()
    wechatPays(s)
    asWeapp()
    const r = await openSheet(s)
    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_PAID: 'reject', T_REFUND: 'reject', T_EXPIRING: 'reject' })
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(calls(s, 'orders.subscribe')).toHaveLength(0)
  })

  it('the consent fails (dialog error, templates unavailable, orders.subscribe refused): the payment goes on, nothing shown', async () => {
    const s = shop()
    wechatPays(s)
    asWeapp()
    let r = await openSheet(s)
    weapp.requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 })
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(r.text()).not.toContain('TAP')
    cleanup()

    // No templates at all (the function refused): no dialog, the order is paid.
    forgetMessageTemplates()
    taroMock.navigateTo.mockClear()
    s.backend.failNext('orders.messageTemplates', 'INTERNAL').failNext('orders.messageTemplates', 'INTERNAL')
    weapp.requestSubscribeMessage.mockClear()
    taroExtras.requestPayment.mockImplementation(async () => {
      s.markPaid('o_2')
      return { errMsg: 'requestPayment:ok' }
    })
    taroMock.router.params = { id: 'deal_tea' }
    r = await render(<DealPage />)
    await waitForText(r, '立即抢购')
    await click(getByText(r, '立即抢购'))
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_2' }))
    expect(weapp.requestSubscribeMessage).not.toHaveBeenCalled()
    cleanup()

    // orders.subscribe refused: nothing on screen either.
    taroMock.navigateTo.mockClear()
    s.backend.failNext('orders.subscribe', 'INTERNAL')
    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_PAID: 'accept' })
    taroExtras.requestPayment.mockImplementation(async () => {
      s.markPaid('o_3')
      return { errMsg: 'requestPayment:ok' }
    })
    r = await render(<DealPage />)
    await waitForText(r, '立即抢购')
    await click(getByText(r, '立即抢购'))
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_3' }))
    await waitFor(() => expect(calls(s, 'orders.subscribe').length).toBeGreaterThanOrEqual(1))
    expect(taroMock.showToast).not.toHaveBeenCalled()
  })

  it('asked once per checkout attempt: 继续支付 after a cancelled payment does not ask again', async () => {
    const s = shop()
    s.provider = 'wechat'
    asWeapp()
    const r = await openSheet(s)
    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_PAID: 'accept' })
    taroExtras.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' })
    await click(submitButton(r))
    await waitForText(r, '支付已取消')
    expect(submitButton(r).textContent).toBe('继续支付 ¥68')
    taroExtras.requestPayment.mockImplementationOnce(async () => {
      s.markPaid('o_1')
      return { errMsg: 'requestPayment:ok' }
    })
    await click(submitButton(r))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
    expect(weapp.requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })

  it('requestSubscribe([\'settled\']) for other pages (the promoter centre): one template, the accepted kind reported', async () => {
    const s = shop()
    asWeapp('o_promoter')
    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_SETTLED: 'accept' })
    await expect(requestSubscribe(['settled'])).resolves.toEqual(['settled'])
    expect(weapp.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['T_SETTLED'] })
    await waitFor(() => expect(calls(s, 'orders.subscribe').map((c) => [c.input, c.openid])).toEqual([[{ accepted: ['settled'] }, 'o_promoter']]))
    // Templates are kept in memory: the second request opens the dialog without asking the server again.
    await requestSubscribe(['settled'])
    expect(calls(s, 'orders.messageTemplates')).toHaveLength(1)
  })
})

describe('consent accepted while the network failed: kept on the device, sent again, never twice', () => {
  const MINUTE = 60_000
  const DAY = 24 * 60 * MINUTE
  const subscribed = (s: FakeShop) => calls(s, 'orders.subscribe').map((c) => c.input.accepted)

  /** The production mini-program whose phone loses the signal as the user taps 允许 (wx.cloud's offline failure). */
  function weappLosingSignal(s: FakeShop, answers: Record<string, string>) {
    asWeapp()
    const online = taroMock.callFunction.getMockImplementation()!
    taroMock.callFunction.mockImplementation(async (o) => {
      if (s.backend.networkDown) throw { errMsg: 'cloud.callFunction:fail Error: errCode: -1 | errMsg: request:fail' }
      return online(o)
    })
    weapp.requestSubscribeMessage.mockImplementation(async () => {
      s.backend.networkDown = true
      return { errMsg: 'requestSubscribeMessage:ok', ...answers }
    })
  }

  it('offline: the accepted kinds are recorded once the network is back (the app shows again), once only', async () => {
    const s = shop()
    weappLosingSignal(s, { T_PAID: 'accept', T_REFUND: 'reject', T_EXPIRING: 'accept' })
    await expect(requestSubscribe(['paid', 'refunded', 'expiring'], NOW)).resolves.toEqual(['paid', 'expiring'])
    await sendPendingConsent(NOW + MINUTE) // still offline: waits for the first attempt, fails again
    expect(subscribed(s)).toEqual([])

    s.backend.networkDown = false
    // The app shows twice in a row (two triggers at once): one call.
    await Promise.all([sendPendingConsent(NOW + 10 * MINUTE), sendPendingConsent(NOW + 10 * MINUTE)])
    expect(subscribed(s)).toEqual([['paid', 'expiring']])
    expect(calls(s, 'orders.subscribe')[0].openid).toBe('o_consumer')
    await sendPendingConsent(NOW + 11 * MINUTE)
    expect(subscribed(s)).toEqual([['paid', 'expiring']])
  })

  it('the next request sends what was kept with its own kinds; after success nothing is sent again', async () => {
    const s = shop()
    weappLosingSignal(s, { T_PAID: 'accept' })
    await requestSubscribe(['paid'], NOW)
    await sendPendingConsent(NOW)
    expect(subscribed(s)).toEqual([])

    s.backend.networkDown = false
    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_PAID: 'accept', T_SETTLED: 'accept' })
    await requestSubscribe(['paid', 'settled'], NOW + 2 * DAY)
    await sendPendingConsent(NOW + 2 * DAY)
    expect(subscribed(s)).toEqual([['paid', 'settled']]) // paid accepted twice: one entry (the latest)

    weapp.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T_REFUND: 'accept' })
    await requestSubscribe(['refunded'], NOW + 3 * DAY)
    await sendPendingConsent(NOW + 3 * DAY)
    expect(subscribed(s)).toEqual([['paid', 'settled'], ['refunded']])
  })

  it('a crashed function is tried again; a permanent refusal (a code other than NETWORK/INTERNAL) drops the consent', async () => {
    const s = shop()
    weappLosingSignal(s, { T_PAID: 'accept' })
    await requestSubscribe(['paid'], NOW)
    await sendPendingConsent(NOW)
    s.backend.networkDown = false

    s.backend.failNext('orders.subscribe', 'INTERNAL')
    await sendPendingConsent(NOW + MINUTE)
    expect(subscribed(s)).toEqual([['paid']])
    s.backend.failNext('orders.subscribe', 'UNAUTHENTICATED')
    await sendPendingConsent(NOW + 2 * MINUTE)
    expect(subscribed(s)).toEqual([['paid'], ['paid']])
    await sendPendingConsent(NOW + 3 * MINUTE)
    expect(subscribed(s)).toEqual([['paid'], ['paid']])
  })

  it('consent older than 7 days is given up; within 7 days it is still sent', async () => {
    const s = shop()
    weappLosingSignal(s, { T_PAID: 'accept' })
    await requestSubscribe(['paid'], NOW)
    weapp.requestSubscribeMessage.mockImplementation(async () => {
      s.backend.networkDown = true
      return { errMsg: 'requestSubscribeMessage:ok', T_SETTLED: 'accept' }
    })
    s.backend.networkDown = false
    await requestSubscribe(['settled'], NOW + 6 * DAY)
    await sendPendingConsent(NOW + 6 * DAY)
    expect(subscribed(s)).toEqual([])

    s.backend.networkDown = false
    await sendPendingConsent(NOW + 7 * DAY + MINUTE)
    expect(subscribed(s)).toEqual([['settled']])
  })

  it('local personas: consent kept for one persona is sent as that persona only', async () => {
    const s = shop()
    const asked = requestSubscribe(['paid'], NOW)
    await waitFor(() => expect(consentSheet()).not.toBeNull())
    s.backend.failNext('orders.subscribe', 'NETWORK').failNext('orders.subscribe', 'NETWORK')
    await click(document.querySelector('.sub-sheet__allow') as HTMLElement)
    await expect(asked).resolves.toEqual(['paid'])
    await sendPendingConsent(NOW) // after the first attempt, fails again
    expect(calls(s, 'orders.subscribe').map((c) => c.openid)).toEqual(['o_consumer', 'o_consumer'])

    chooseLocalPersona('o_promoter')
    await sendPendingConsent(NOW + MINUTE)
    expect(calls(s, 'orders.subscribe')).toHaveLength(2)
    chooseLocalPersona('o_consumer')
    await sendPendingConsent(NOW + 2 * MINUTE)
    expect(calls(s, 'orders.subscribe').map((c) => [c.input, c.openid])).toEqual([
      [{ accepted: ['paid'] }, 'o_consumer'],
      [{ accepted: ['paid'] }, 'o_consumer'],
      [{ accepted: ['paid'] }, 'o_consumer'],
    ])
    await sendPendingConsent(NOW + 3 * MINUTE)
    expect(calls(s, 'orders.subscribe')).toHaveLength(3)
  })
})

describe('h5 (local): the simulated consent sheet', () => {
  it('允许: the accepted kinds are reported, then the simulated payment sheet opens', async () => {
    const s = shop()
    const r = await openSheet(s)
    await click(submitButton(r))
    await waitFor(() => expect(consentSheet()).not.toBeNull())
    const text = consentSheet()!.textContent ?? ''
    expect(text).toContain('团卡 想给你发送：')
    expect(text).toContain('支付成功通知')
    expect(text).toContain('退款通知')
    expect(text).toContain('券码到期提醒')
    expect(text).toContain('本地模拟')
    // The payment sheet waits for the answer.
    expect(r.container.querySelector('.wx-sheet')).toBeNull()
    await click(document.querySelector('.sub-sheet__allow') as HTMLElement)
    expect(consentSheet()).toBeNull()
    await waitFor(() => expect(calls(s, 'orders.subscribe').map((c) => c.input)).toEqual([{ accepted: ['paid', 'refunded', 'expiring'] }]))
    // WeChat's side of the consent (the platform emulator) heard it first.
    expect(s.backend.platformCalls).toEqual([{ path: '/local/subscribe', body: { tmplIds: ['T_PAID', 'T_REFUND', 'T_EXPIRING'] } }])
    await waitForText(r, '确认支付')
    await click(getByText(r, '确认支付'))
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/index?id=o_1' }))
  })

  it('取消 (or a tap outside): nothing reported, the payment goes on', async () => {
    const s = shop({ group: { by: 'units', min: 10, count: 3, deadline: NOW + 3600_000, status: 'forming' } })
    const r = await openSheet(s)
    await click(submitButton(r))
    await waitFor(() => expect(consentSheet()).not.toBeNull())
    expect(consentSheet()!.querySelectorAll('.sub-sheet__item')).toHaveLength(3) // 支付成功 / 拼团结果 / 退款
    expect(consentSheet()!.textContent).toContain('拼团结果通知')
    await click(document.querySelector('.sub-sheet__cancel') as HTMLElement)
    await waitForText(r, '确认支付')
    expect(consentSheet()).toBeNull()
    expect(calls(s, 'orders.subscribe')).toHaveLength(0)
    expect(s.backend.platformCalls).toEqual([])
  })
})

it('pickTemplates: in the order asked, one line per template, at most 3 templates', () => {
  const all = [...TEMPLATES.filter((t) => t.kind !== 'group_failed'), { kind: 'group_failed' as const, templateId: 'T_GROUP_FAILED', title: '拼团失败通知' }]
  const p = pickTemplates(all, ['paid', 'group_succeeded', 'group_failed', 'refunded'])
  expect(p.tmplIds).toEqual(['T_PAID', 'T_GROUP', 'T_GROUP_FAILED'])
  expect(p.titles).toEqual(['支付成功通知', '拼团结果通知', '拼团失败通知'])
  expect(pickTemplates(TEMPLATES, ['paid', 'group_succeeded', 'group_failed', 'refunded']).kindsOf).toEqual({ T_PAID: ['paid'], T_GROUP: ['group_succeeded', 'group_failed'], T_REFUND: ['refunded'] })
  expect(pickTemplates([], ['paid']).tmplIds).toEqual([])
})
