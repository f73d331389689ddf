import { jest } from '@jest/globals'
import { act } from 'react'
import type { PromoterCenter } from '@core/contracts/views'
import PromoterCenterPage from '@/promoter/center/index'
import { checkWithdrawAmount, parseYuanToFen } from '@/features/promoter'
import { readRoleHint } from '@/features/promoter/model/roleHint'
import { forgetLocalIdentity } from '@/shared/api'
import { forgetMessageTemplates } from '@/shared/subscribe'
import Taro, { taroMock } from '../support/taro-mock'
import { FakeBackend } from './support/fake-backend'
import { T0, commissionLine, emptyCenter, installPromoterBackend, promoterState, settleTransfer, shareFunnel, withdrawalView, type PromoterState } from './support/fake-promoters'
import { actAsync, cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'
import { asWeapp, weapp } from './support/weapp'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const share = shareFunnel
const line = commissionLine

function centerData(): PromoterCenter {
  return {
    name: '王姐',
    balance: { pendingFen: 1230, lockedFen: 450, availableFen: 2087, withdrawnFen: 1000 },
    minWithdrawFen: 100,
    shares: [
      share({
        shareCode: 'SCARDTEA0001',
        dealId: 'deal_tea',
        channel: 'card',
        createdAt: T0 - DAY,
        visits: 12,
        visitors: 8,
        placed: 4,
        orders: 3,
        units: 4,
        redeemed: 2,
        commissionFen: 520,
        groups: [
          { label: '群 7K2Q', visits: 9, visitors: 6, placed: 3, orders: 2, units: 3, redeemed: 2, commissionFen: 390 },
          { label: '群 M4XD', visits: 3, visitors: 2, placed: 1, orders: 1, units: 1, redeemed: 0, commissionFen: 130 },
        ],
      }),
      share({ shareCode: 'SPOSTTEA0001', dealId: 'deal_tea', channel: 'poster', visits: 5, visitors: 4, placed: 1, orders: 1, units: 1, redeemed: 1, commissionFen: 130 }),
      share({ shareCode: 'SCARDLAT0001', dealId: 'deal_latte', channel: 'card', createdAt: T0 - 5 * DAY, approval: 'pending' }),
    ],
    recentLines: [
      line({ id: 'l_pending', status: 'pending' }),
      line({
        id: 'l_locked',
        status: 'settled',
        amountFen: 450,
        availableAt: T0 + 2 * DAY,
        history: [
          { status: 'pending', at: T0 - 2 * DAY },
          { status: 'settled', at: T0 - HOUR },
        ],
      }),
      line({
        id: 'l_reversed',
        status: 'reversed',
        orderId: 'o_1002',
        amountFen: 341,
        reversedFen: 340,
        history: [
          { status: 'pending', at: T0 - 3 * DAY },
          { status: 'reversed', at: T0 - DAY },
        ],
      }),
    ],
    withdrawals: [],
  }
}

type State = PromoterState

function centerBackend(state: State = promoterState(centerData())) {
  const b = installPromoterBackend(new FakeBackend(), state)
  return { b, state }
}

const as = (openid: string) => taroMock.storage.set('tuanka.persona.openid', openid)
const callsOf = (b: FakeBackend, key: string) => b.calls.filter((c) => `${c.fn}.${c.action}` === key)

async function type(r: Rendered, selector: string, value: string) {
  const host = r.container.querySelector(selector) as HTMLElement
  await waitFor(() => expect(host.querySelector('input')).not.toBeNull())
  const input = host.querySelector('input') as HTMLInputElement
  await act(async () => {
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

async function openCenter(openid = 'o_promoter') {
  const env = centerBackend()
  as(openid)
  const r = await render(<PromoterCenterPage />)
  return { ...env, r }
}

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  forgetMessageTemplates()
})
afterEach(() => {
  cleanup()
  jest.useRealTimers()
  jest.restoreAllMocks()
})

describe('推广中心 for a promoter', () => {
  it('shows the four balances, each share’s funnel by deal and channel, and the commission lines with their history', async () => {
    const { r } = await openCenter()
    await waitForText(r, '可提现')
    const t = r.text()
    expect(t).toContain('王姐')
    expect(t).toContain('可提现¥20.87')
    expect(t).toContain('待结算¥12.30')
    expect(t).toContain('冻结中¥4.50')
    expect(t).toContain('已提现¥10.00')
    // The locked part, with the moment it becomes withdrawable (from the settled line still on hold).
    const locked = r.container.querySelector('.pc-balance__locked')?.textContent ?? ''
    expect(locked).toMatch(/冻结中的佣金何时可提现(?:\d{4}年)?\d+月\d+日 \d\d:\d\d 起¥4\.50/)
    expect(locked).not.toContain('更早的佣金')

    // Funnels: deal_tea has a card and a poster share (and a total), deal_latte a card with nobody yet.
    const tea = getByText(r, '双人下午茶套餐').closest('.pc-funnel') as HTMLElement
    const teaText = tea.textContent ?? ''
    expect(teaText).toContain('群聊卡片')
    expect(teaText).toContain('海报')
    expect(teaText).toContain('12浏览8访客4下单3付款2核销¥5.20佣金')
    expect(teaText).toContain('访客下单率 50% · 付款 4 份，已核销 2 份')
    expect(teaText).toContain('5浏览4访客1下单1付款1核销¥1.30佣金')
    expect(teaText).toContain('合计17浏览12访客5下单4付款3核销¥6.50佣金')
    expect(teaText).toContain('访客下单率 41.7%')
    expect(teaText).not.toContain('店铺审核中')
    const latte = getByText(r, '冰美式两杯').closest('.pc-funnel') as HTMLElement
    expect(latte.textContent).toContain('访客下单率 —')
    // The latte shop reviews promoters and has not approved yet: said plainly.
    expect(latte.textContent).toContain('店铺审核中：审核通过后的订单才计佣金')
    // Newest share's deal first.
    expect(t.indexOf('双人下午茶套餐')).toBeLessThan(t.indexOf('冰美式两杯'))

    // Lines: state, when the fen become withdrawable, history.
    const lines = Array.from(r.container.querySelectorAll('.pc-line')).map((el) => el.textContent ?? '')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('待结算')
    expect(lines[0]).toContain('顾客到店核销券码后结算')
    expect(lines[1]).toContain('已结算')
    expect(lines[1]).toMatch(/冻结中，(?:\d{4}年)?\d+月\d+日 \d\d:\d\d 到账可提现/)
    expect(lines[1]).toMatch(/待结算 (?:\d{4}年)?\d+月\d+日 \d\d:\d\d→ 已结算 (?:\d{4}年)?\d+月\d+日 \d\d:\d\d→ 预计到账/)
    expect(lines[2]).toContain('已冲正')
    expect(lines[2]).toContain('订单退款，冲回 ¥3.40（按整单重新取整，保留 ¥0.01）')

    expect(t).toContain('几天内最后一次分享')
    expect(t).toContain('自己买不计佣金')
    expect(t).toContain('以订单上的分享码为准')
    expect(t).toContain('有的店铺需要审核')
    expect(readRoleHint()).toBe(true)
  })

  it('a share’s funnel per WeChat group unfolds on demand, groups by their stable tag', async () => {
    const { r } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    const card = getByText(r, '分享码 SCARDTEA0001').closest('.pc-funnel__share') as HTMLElement
    expect(card.textContent).toContain('按群查看 · 2 个群')
    expect(card.textContent).not.toContain('群 7K2Q')
    // The poster share was never opened in a group: nothing to unfold.
    const poster = getByText(r, '分享码 SPOSTTEA0001').closest('.pc-funnel__share') as HTMLElement
    expect(poster.textContent).not.toContain('按群查看')

    await click(card.querySelector('.pc-groups__toggle')!)
    const groups = Array.from(card.querySelectorAll('.pc-group')).map((g) => g.textContent ?? '')
    expect(groups).toEqual([
      '群 7K2Q¥3.90浏览 9 · 访客 6 · 下单 3 · 付款 2 单 3 份 · 核销 2 份',
      '群 M4XD¥1.30浏览 3 · 访客 2 · 下单 1 · 付款 1 单 1 份 · 核销 0 份',
    ])
    expect(card.textContent).toContain('微信不向小程序提供群名称')
    await click(card.querySelector('.pc-groups__toggle')!)
    expect(card.querySelectorAll('.pc-group')).toHaveLength(0)
  })

  it('an answer from a function one version behind (no withdrawals, no groups, no minimum) draws as zeros, never "undefined"', async () => {
    const old = { name: '王姐', balance: { pendingFen: 0, lockedFen: 0, availableFen: 300, withdrawnFen: 0 }, shares: [{ shareCode: 'SOLD00000001', dealId: 'deal_tea', dealTitle: '双人下午茶套餐', channel: 'card', createdAt: T0, visits: 2, visitors: 1, orders: 0, units: 0, commissionFen: 0 }], recentLines: [] }
    centerBackend(promoterState(old as unknown as PromoterCenter))
    as('o_promoter')
    const r = await render(<PromoterCenterPage />)
    await waitForText(r, '可提现¥3.00')
    expect(r.text()).toContain('最低 ¥1.00')
    expect(r.text()).toContain('2浏览1访客0下单0付款0核销¥0.00佣金')
    expect(r.text()).not.toContain('undefined')
    expect(r.text()).not.toContain('NaN')
  })

  it('links to 我的订单', async () => {
    const { r } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await click(getByText(r, '每笔订单为什么算你的'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/promoter/orders/index' })
  })

  it('a negative available balance (refund after withdrawal) is explained and cannot be withdrawn', async () => {
    const { r, state, b } = await openCenter()
    state.center = { ...state.center, balance: { pendingFen: 0, lockedFen: 0, availableFen: -340, withdrawnFen: 2000 } }
    await waitForText(r, '可提现')
    // The first answer had a positive balance; reload through 下拉刷新.
    await act(async () => {
      taroMock.trigger('pullDownRefresh')
    })
    await waitForText(r, '可提现-¥3.40')
    expect(r.text()).toContain('之后结算的佣金会先补足这部分')
    await click(r.container.querySelector('.pc-withdraw .tk-button')!)
    expect(callsOf(b, 'promoters.withdraw')).toHaveLength(0)
    expect(taroMock.stopPullDownRefresh).toHaveBeenCalled()
  })

  it('empty centre: says how to start sharing', async () => {
    const env = centerBackend(promoterState(emptyCenter()))
    as('o_promoter')
    const r = await render(<PromoterCenterPage />)
    await waitForText(r, '还没有分享')
    expect(r.text()).toContain('还没有佣金')
    await click(getByText(r, '去挑团购'))
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
    expect(callsOf(env.b, 'promoters.center')).toHaveLength(1)
  })

  it('a failed load shows the message and a retry', async () => {
    const env = centerBackend()
    env.b.failNext('promoters.center', 'INTERNAL')
    as('o_promoter')
    const r = await render(<PromoterCenterPage />)
    await waitForText(r, '服务开小差了，请稍后再试')
    await click(getByText(r, '重新加载'))
    await waitForText(r, '可提现¥20.87')
  })

  it('refreshes every 15 seconds while shown, and again when shown after a while', async () => {
    jest.useFakeTimers({ doNotFake: ['Date', 'setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] })
    const { r, b, state } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    expect(callsOf(b, 'promoters.center')).toHaveLength(1)
    // The first show right after the load does not load twice.
    await act(async () => {
      taroMock.trigger('didShow')
    })
    expect(callsOf(b, 'promoters.center')).toHaveLength(1)

    state.center = { ...state.center, shares: state.center.shares.map((s) => (s.shareCode === 'SCARDTEA0001' ? { ...s, visits: 13, visitors: 9 } : s)) }
    await act(async () => {
      jest.advanceTimersByTime(14_000)
    })
    expect(callsOf(b, 'promoters.center')).toHaveLength(1)
    await act(async () => {
      jest.advanceTimersByTime(1_000)
    })
    await waitFor(() => expect(callsOf(b, 'promoters.center')).toHaveLength(2))
    await waitForText(r, '13浏览9访客4下单')

    const later = Date.now() + 60_000
    jest.spyOn(Date, 'now').mockReturnValue(later)
    await act(async () => {
      taroMock.trigger('didShow')
    })
    await waitFor(() => expect(callsOf(b, 'promoters.center')).toHaveLength(3))
  })
})

describe('提现', () => {
  const submit = async (r: Rendered) => click(r.container.querySelector('.pc-withdraw .tk-button') as Element)
  const sheet = () => document.querySelector('.wx-sheet') as HTMLElement | null
  /** The simulated 确认收款 sheet (local build): 确认收款 or 取消. */
  async function answerSheet(action: '确认收款' | '取消') {
    await waitFor(() => expect(sheet()).not.toBeNull())
    const target = action === '确认收款' ? sheet()!.querySelector('.wx-sheet__confirm') : sheet()!.querySelector('.wx-sheet__cancel')
    await click(target!)
    await waitFor(() => expect(sheet()).toBeNull())
  }

  it('checks the amount before asking: format, the centre’s minimum, available balance', async () => {
    const { r, b, state } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '0.99')
    await submit(r)
    expect(r.text()).toContain('提现金额不能少于 1 元')
    await type(r, '.pc-withdraw__input', '1.234')
    await submit(r)
    expect(r.text()).toContain('请输入正确的金额，最多两位小数')
    await type(r, '.pc-withdraw__input', '20.88')
    await submit(r)
    expect(r.text()).toContain('可提现余额不足')
    expect(callsOf(b, 'promoters.withdraw')).toHaveLength(0)

    // The minimum is the centre's, not a constant of the app.
    state.center = { ...state.center, minWithdrawFen: 500 }
    await actAsync(() => taroMock.trigger('pullDownRefresh'))
    await waitForText(r, '最低 ¥5.00')
    await type(r, '.pc-withdraw__input', '4.99')
    await submit(r)
    expect(r.text()).toContain('提现金额不能少于 5 元')
    expect(callsOf(b, 'promoters.withdraw')).toHaveLength(0)
  })

  it('local: withdraws the typed yuan as integer fen, the simulated 确认收款 sheet pays it, the record and balance reload', async () => {
    const { r, b, state } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '12.3')
    await submit(r)
    await waitFor(() => expect(sheet()).not.toBeNull())
    const s = sheet()!.textContent ?? ''
    expect(s).toContain('微信 · 确认收款')
    expect(s).toContain('本地模拟')
    expect(s).toContain('12.30')
    expect(s).toContain('模拟，不会真的转账')
    // While the sheet waits, the record already says 提现中 (the money is held).
    await waitForText(r, '提现记录')
    expect(r.text()).toContain('提现中')

    await answerSheet('确认收款')
    await waitForText(r, '¥12.30 已到账微信零钱')
    const [call] = callsOf(b, 'promoters.withdraw')
    expect(call.input.amountFen).toBe(1230)
    expect(String(call.input.idempotencyKey)).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(state.localTransfers).toEqual([{ package: 'pkg_w_1', action: 'confirm' }])
    expect(callsOf(b, 'promoters.withdrawal').map((c) => c.input)).toEqual([{ id: 'w_1' }])
    await waitForText(r, '可提现¥8.57')
    expect(r.text()).toContain('已提现¥22.30')
    const rec = r.container.querySelector('.pc-wd__item')?.textContent ?? ''
    expect(rec).toContain('¥12.30已到账')
    expect(rec).toMatch(/(?:\d{4}年)?\d+月\d+日 \d\d:\d\d 到账微信零钱/)
  })

  it('local: 取消 on the sheet keeps the withdrawal waiting, as closing WeChat’s page does; 确认收款 in the record opens it again', async () => {
    const { r, state } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '5')
    await submit(r)
    await answerSheet('取消')
    await waitForText(r, '还没有确认收款。¥5.00 会在提现记录里等你点「确认收款」')
    expect(state.localTransfers).toEqual([{ package: 'pkg_w_1', action: 'cancel' }])
    await waitForText(r, '等你在微信里确认收款')
    expect(r.text()).toContain('可提现¥15.87') // held while it waits
    await click(r.container.querySelector('.pc-wd__item .tk-button')!)
    await answerSheet('确认收款')
    await waitForText(r, '¥5.00 已到账微信零钱')
    expect(state.localTransfers).toEqual([
      { package: 'pkg_w_1', action: 'cancel' },
      { package: 'pkg_w_1', action: 'confirm' },
    ])
  })

  it('全部 fills the whole available balance', async () => {
    const { r, b } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await click(getByText(r, '全部'))
    await submit(r)
    await answerSheet('确认收款')
    await waitForText(r, '¥20.87 已到账微信零钱')
    expect(callsOf(b, 'promoters.withdraw')[0].input.amountFen).toBe(2087)
  })

  it('the function’s refusal is shown (balance spent elsewhere meanwhile); the next attempt has a new key', async () => {
    const { r, b, state } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    state.center = { ...state.center, balance: { ...state.center.balance, availableFen: 500 } } // spent elsewhere
    await type(r, '.pc-withdraw__input', '10')
    await submit(r)
    await waitForText(r, '可提现余额不足')
    expect(callsOf(b, 'promoters.withdraw')).toHaveLength(1)
    await waitForText(r, '可提现¥5.00') // reloaded after the refusal
    await type(r, '.pc-withdraw__input', '5')
    await submit(r)
    await answerSheet('确认收款')
    await waitForText(r, '¥5.00 已到账微信零钱')
    const keys = callsOf(b, 'promoters.withdraw').map((c) => c.input.idempotencyKey)
    expect(keys[0]).not.toBe(keys[1])
  })

  it('a lost answer is retried with the same idempotency key and makes one withdrawal', async () => {
    const { r, b, state } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '8')
    b.failNext('promoters.withdraw', 'INTERNAL')
    await submit(r)
    await waitForText(r, '这笔提现是否成功还不确定')
    expect(getByText(r, '重试提现')).toBeTruthy()

    b.networkDown = true
    await submit(r)
    await waitForText(r, '网络不太好')
    b.networkDown = false

    await submit(r)
    await answerSheet('确认收款')
    await waitForText(r, '¥8.00 已到账微信零钱')
    const tries = callsOf(b, 'promoters.withdraw')
    // The network-down attempt never reached the backend; the two that did carried one key.
    expect(tries).toHaveLength(2)
    expect(tries[0].input.idempotencyKey).toBe(tries[1].input.idempotencyKey)
    expect(state.byKey.size).toBe(1)

    // A new withdrawal afterwards is a new attempt with a new key.
    await type(r, '.pc-withdraw__input', '2')
    await submit(r)
    await answerSheet('确认收款')
    await waitForText(r, '¥2.00 已到账微信零钱')
    expect(callsOf(b, 'promoters.withdraw')[2].input.idempotencyKey).not.toBe(tries[0].input.idempotencyKey)
  })

  it('changing the amount after a lost answer is a new attempt (new key)', async () => {
    const { r, b } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '3')
    b.failNext('promoters.withdraw', 'INTERNAL')
    await submit(r)
    await waitForText(r, '重试提现')
    await type(r, '.pc-withdraw__input', '4')
    await submit(r)
    await answerSheet('确认收款')
    await waitForText(r, '¥4.00 已到账微信零钱')
    const [a, c] = callsOf(b, 'promoters.withdraw')
    expect(a.input.idempotencyKey).not.toBe(c.input.idempotencyKey)
  })

  it('asks for 结算提醒 consent (settled) before withdrawing, and withdraws whatever the answer', async () => {
    const { r, b } = await openCenter()
    b.on('orders.messageTemplates', () => [{ kind: 'settled', templateId: 'tpl_settled', title: '佣金结算提醒' }]).on('orders.subscribe', (input) => [
      { kind: String((input.accepted as string[])[0]), credits: 1 },
    ])
    forgetMessageTemplates()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '3')
    await submit(r)
    await waitFor(() => expect(document.querySelector('.sub-sheet')).not.toBeNull())
    expect(document.querySelector('.sub-sheet')?.textContent).toContain('佣金结算提醒')
    expect(callsOf(b, 'promoters.withdraw')).toHaveLength(0) // the consent comes first
    await click(document.querySelector('.sub-sheet__allow')!)
    await waitFor(() => expect(callsOf(b, 'orders.subscribe').map((c) => c.input)).toEqual([{ accepted: ['settled'] }]))
    await answerSheet('确认收款')
    await waitForText(r, '¥3.00 已到账微信零钱')

    // Declined: the withdrawal still goes on.
    await type(r, '.pc-withdraw__input', '2')
    await submit(r)
    await waitFor(() => expect(document.querySelector('.sub-sheet')).not.toBeNull())
    await click(document.querySelector('.sub-sheet__cancel')!)
    await answerSheet('确认收款')
    await waitForText(r, '¥2.00 已到账微信零钱')
    expect(callsOf(b, 'orders.subscribe')).toHaveLength(1)
  })
})

describe('提现 in WeChat (商家转账)', () => {
  const submit = async (r: Rendered) => click(r.container.querySelector('.pc-withdraw .tk-button') as Element)
  type Opts = { mchId: string; appId: string; package: string; success: (r: { errMsg: string }) => void; fail: (r: { errMsg: string }) => void }
  const host = Taro as unknown as { requestMerchantTransfer?: (o: Opts) => void; canIUse?: (s: string) => boolean }
  afterEach(() => {
    delete host.requestMerchantTransfer
    delete host.canIUse
    weapp.restore()
  })

  async function openWechat() {
    const state = promoterState(centerData())
    const env = centerBackend(state)
    as('o_promoter')
    asWeapp('o_promoter')
    const r = await render(<PromoterCenterPage />)
    await waitForText(r, '可提现¥20.87')
    return { ...env, r }
  }

  it('opens WeChat’s 确认收款 with the transfer’s mchId, appId and package; paid when WeChat Pay says so', async () => {
    const { r, b, state } = await openWechat()
    const calls: Opts[] = []
    host.canIUse = (s) => s === 'requestMerchantTransfer'
    host.requestMerchantTransfer = (o) => {
      calls.push(o)
      // The promoter confirms; WeChat Pay's callback reaches the function a moment later.
      setTimeout(() => settleTransfer(state, 'w_1', 'paid'), 5)
      o.success({ errMsg: 'requestMerchantTransfer:ok' })
    }
    await type(r, '.pc-withdraw__input', '6.5')
    await submit(r)
    await waitForText(r, '¥6.50 已到账微信零钱', 5000)
    expect(calls.map(({ mchId, appId, package: p }) => ({ mchId, appId, package: p }))).toEqual([{ mchId: '1900000109', appId: 'wxtuanka', package: 'pkg_w_1' }])
    expect(callsOf(b, 'promoters.withdrawal').length).toBeGreaterThanOrEqual(1)
    expect(document.querySelector('.wx-sheet')).toBeNull() // no simulated sheet for a WeChat transfer
    expect(state.localTransfers).toHaveLength(0)
    await waitForText(r, '已提现¥16.50')
  })

  it('a cancelled 确认收款 keeps the withdrawal waiting; 确认收款 in the record opens it again', async () => {
    const { r, state } = await openWechat()
    let answer: 'cancel' | 'ok' = 'cancel'
    const calls: Opts[] = []
    host.requestMerchantTransfer = (o) => {
      calls.push(o)
      if (answer === 'cancel') o.fail({ errMsg: 'requestMerchantTransfer:fail cancel' })
      else {
        settleTransfer(state, 'w_1', 'paid')
        o.success({ errMsg: 'requestMerchantTransfer:ok' })
      }
    }
    await type(r, '.pc-withdraw__input', '3')
    await submit(r)
    await waitForText(r, '还没有确认收款。¥3.00 会在提现记录里等你点「确认收款」')
    await waitForText(r, '等你在微信里确认收款')
    expect(r.text()).toContain('可提现¥17.87') // held while it waits

    answer = 'ok'
    await click(r.container.querySelector('.pc-wd__item .tk-button')!)
    await waitForText(r, '¥3.00 已到账微信零钱')
    expect(calls).toHaveLength(2)
    expect(calls[1].package).toBe('pkg_w_1')
    await waitForText(r, '已提现¥13.00')
  })

  it('an old WeChat without requestMerchantTransfer says to upgrade; nothing is lost', async () => {
    const { r } = await openWechat()
    await type(r, '.pc-withdraw__input', '3')
    await submit(r)
    await waitForText(r, '当前微信版本不能确认收款，请升级微信')
    await waitForText(r, '提现中')
  })

  it('a failed transfer shows WeChat’s reason and that the money is back', async () => {
    const state = promoterState(
      {
        ...centerData(),
        withdrawals: [
          withdrawalView({ id: 'w_9', amountFen: 1500, status: 'failed', failReason: '微信实名信息与推手不一致' }),
          withdrawalView({ id: 'w_8', amountFen: 1000, status: 'paid', paidAt: T0 - 2 * DAY }),
        ],
      },
    )
    centerBackend(state)
    as('o_promoter')
    const r = await render(<PromoterCenterPage />)
    await waitForText(r, '提现记录')
    const items = Array.from(r.container.querySelectorAll('.pc-wd__item')).map((e) => e.textContent ?? '')
    expect(items[0]).toContain('¥15.00失败微信实名信息与推手不一致，¥15.00 已退回可提现余额')
    expect(items[1]).toContain('¥10.00已到账')
    expect(items[1]).toContain('到账微信零钱')
  })
})

describe('yuan to fen', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.29', 29],
    ['19.99', 1999],
    ['.5', 50],
    ['1.', 100],
    [' ¥8 ', 800],
    ['8元', 800],
    ['１２．５', 1250],
    ['100000000', 10_000_000_000],
  ])('%s -> %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen)
  })

  it.each(['', '.', '-1', '1.234', '1e3', 'abc', '1,000', '0x10', 'Infinity', '1234567890'])('%s is refused', (text) => {
    expect(parseYuanToFen(text)).toBeNull()
  })

  it('the form checks minimum and balance', () => {
    expect(checkWithdrawAmount('1', 500)).toEqual({ ok: true, fen: 100 })
    expect(checkWithdrawAmount('0.99', 500)).toEqual({ ok: false, message: '提现金额不能少于 1 元' })
    expect(checkWithdrawAmount('5.01', 500)).toEqual({ ok: false, message: '可提现余额不足' })
  })
})

describe('成为推手', () => {
  it('a non-promoter sees the free, one-level offer and joins with a name', async () => {
    const { r, b } = await openCenter('o_consumer')
    await waitForText(r, '成为推手')
    expect(r.text()).toContain('免费加入，只按你分享带来的订单计佣金，不设下级')
    expect(callsOf(b, 'promoters.center')).toHaveLength(0)
    await waitFor(() => expect((r.container.querySelector('.pc-field__input') as HTMLElement & { value?: string }).getAttribute('value')).toBe('小林'))

    await type(r, '.pc-field__input', '   ')
    await click(r.container.querySelector('.pc-join__action .tk-button')!)
    expect(r.text()).toContain('请填写昵称')
    expect(callsOf(b, 'promoters.join')).toHaveLength(0)

    await type(r, '.pc-field__input', ' 小林 ')
    await click(r.container.querySelector('.pc-join__action .tk-button')!)
    await waitForText(r, '可提现¥20.87')
    expect(callsOf(b, 'promoters.join').map((c) => c.input)).toEqual([{ name: '小林' }])
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已成为推手' }))
    expect(readRoleHint()).toBe(true)
  })

  it('a refused join shows the message and stays on the form', async () => {
    const { r, b } = await openCenter('o_consumer')
    await waitForText(r, '成为推手')
    b.failNext('promoters.join', 'UNAUTHENTICATED')
    await click(r.container.querySelector('.pc-join__action .tk-button')!)
    await waitForText(r, '请先登录')
    expect(r.text()).toContain('免费加入')
  })
})
