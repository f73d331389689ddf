import { jest } from '@jest/globals'
import { act } from 'react'
import type { CommissionLineView, PromoterCenter, ShareFunnel } from '@core/contracts/views'
import PromoterCenterPage from '@/promoter/center/index'
import { checkWithdrawAmount, parseYuanToFen } from '@/features/promoter'
import { readRoleHint } from '@/features/promoter/model/roleHint'
import { forgetLocalIdentity } from '@/shared/api'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal, me } from './support/fake-backend'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const T0 = Date.now()

const share = (over: Partial<ShareFunnel> & Pick<ShareFunnel, 'shareCode' | 'dealId' | 'channel'>): ShareFunnel => ({
  dealTitle: over.dealId === 'deal_tea' ? '双人下午茶套餐' : '冰美式两杯',
  createdAt: T0 - 3 * DAY,
  visits: 0,
  visitors: 0,
  orders: 0,
  units: 0,
  commissionFen: 0,
  ...over,
})

const line = (over: Partial<CommissionLineView> & Pick<CommissionLineView, 'id' | 'status'>): CommissionLineView => ({
  orderId: 'o_1001',
  dealTitle: '双人下午茶套餐',
  amountFen: 340,
  reversedFen: 0,
  availableAt: null,
  history: [{ status: 'pending', at: T0 - 2 * DAY }],
  ...over,
})

function centerData(): PromoterCenter {
  return {
    name: '王姐',
    balance: { pendingFen: 1230, lockedFen: 450, availableFen: 2087, withdrawnFen: 1000 },
    shares: [
      share({ shareCode: 'SCARDTEA0001', dealId: 'deal_tea', channel: 'card', createdAt: T0 - DAY, visits: 12, visitors: 8, orders: 3, units: 4, commissionFen: 520 }),
      share({ shareCode: 'SPOSTTEA0001', dealId: 'deal_tea', channel: 'poster', visits: 5, visitors: 4, orders: 1, units: 1, commissionFen: 130 }),
      share({ shareCode: 'SCARDLAT0001', dealId: 'deal_latte', channel: 'card', createdAt: T0 - 5 * DAY }),
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
  }
}

interface State {
  promoters: Set<string>
  center: PromoterCenter
  withdrawals: Map<string, { id: string; amountFen: number; status: string }>
}

function centerBackend(state: State = { promoters: new Set(['o_promoter']), center: centerData(), withdrawals: new Map() }) {
  const b = new FakeBackend()
    .on('shops.me', (_i, openid) => me({ openid, promoter: state.promoters.has(openid ?? '') }))
    .on('promoters.center', (_i, openid) => {
      if (!state.promoters.has(openid ?? '')) throw new Refusal('NOT_PROMOTER')
      return state.center
    })
    .on('promoters.join', (input, openid) => {
      state.promoters.add(openid ?? '')
      return { name: String(input.name) }
    })
    .on('promoters.withdraw', (input) => {
      const key = String(input.idempotencyKey)
      const amountFen = Number(input.amountFen)
      const first = state.withdrawals.get(key)
      if (first) return first
      if (amountFen < 100) throw new Refusal('WITHDRAW_BELOW_MINIMUM')
      if (amountFen > state.center.balance.availableFen) throw new Refusal('INSUFFICIENT_BALANCE')
      const w = { id: `w_${state.withdrawals.size + 1}`, amountFen, status: 'paid' }
      state.withdrawals.set(key, w)
      const bal = state.center.balance
      state.center = { ...state.center, balance: { ...bal, availableFen: bal.availableFen - amountFen, withdrawnFen: bal.withdrawnFen + amountFen } }
      return w
    })
    .install()
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

    // Funnels: deal_tea has a card and a poster share (and a total), deal_latte a card with nobody yet.
    const tea = getByText(r, '双人下午茶套餐').closest('.pc-funnel') as HTMLElement
    const teaText = tea.textContent ?? ''
    expect(teaText).toContain('群聊卡片')
    expect(teaText).toContain('海报')
    expect(teaText).toContain('12浏览8访客3下单4份数¥5.20佣金')
    expect(teaText).toContain('访客下单率 37.5%')
    expect(teaText).toContain('5浏览4访客1下单1份数¥1.30佣金')
    expect(teaText).toContain('合计17浏览12访客4下单5份数¥6.50佣金')
    expect(teaText).toContain('访客下单率 33.3%')
    const latte = getByText(r, '冰美式两杯').closest('.pc-funnel') as HTMLElement
    expect(latte.textContent).toContain('访客下单率 —')
    // Newest share's deal first.
    expect(t.indexOf('双人下午茶套餐')).toBeLessThan(t.indexOf('冰美式两杯'))

    // Lines: state, when the fen become withdrawable, history.
    const lines = Array.from(r.container.querySelectorAll('.pc-line')).map((el) => el.textContent ?? '')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('待结算')
    expect(lines[0]).toContain('顾客到店核销券码后结算')
    expect(lines[1]).toContain('已结算')
    expect(lines[1]).toMatch(/冻结中，\d+月\d+日 \d\d:\d\d 到账可提现/)
    expect(lines[1]).toMatch(/待结算 \d+月\d+日 \d\d:\d\d→ 已结算 \d+月\d+日 \d\d:\d\d→ 预计到账/)
    expect(lines[2]).toContain('已冲正')
    expect(lines[2]).toContain('订单退款，冲回 ¥3.40（按整单重新取整，保留 ¥0.01）')

    expect(t).toContain('7 天内最后一次分享')
    expect(t).toContain('自己买不计佣金')
    expect(t).toContain('以订单上的分享码为准')
    expect(readRoleHint()).toBe(true)
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
    const env = centerBackend({ promoters: new Set(['o_promoter']), center: { name: '王姐', balance: { pendingFen: 0, lockedFen: 0, availableFen: 0, withdrawnFen: 0 }, shares: [], recentLines: [] }, withdrawals: new Map() })
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
    await waitForText(r, '13浏览9访客3下单')

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

  it('checks the amount before asking: format, ¥1 minimum, available balance', async () => {
    const { r, b } = await openCenter()
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
  })

  it('withdraws the typed yuan as integer fen and shows the simulated transfer; the balance reloads', async () => {
    const { r, b } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await type(r, '.pc-withdraw__input', '12.3')
    await submit(r)
    await waitForText(r, '提现 ¥12.30 已到账')
    expect(r.text()).toContain('本地演示：模拟的商家转账')
    const [call] = callsOf(b, 'promoters.withdraw')
    expect(call.input.amountFen).toBe(1230)
    expect(String(call.input.idempotencyKey)).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    await waitForText(r, '可提现¥8.57')
    expect(r.text()).toContain('已提现¥22.30')
  })

  it('全部 fills the whole available balance', async () => {
    const { r, b } = await openCenter()
    await waitForText(r, '可提现¥20.87')
    await click(getByText(r, '全部'))
    await submit(r)
    await waitForText(r, '提现 ¥20.87 已到账')
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
    await waitForText(r, '提现 ¥5.00 已到账')
    const keys = callsOf(b, 'promoters.withdraw').map((c) => c.input.idempotencyKey)
    expect(keys[0]).not.toBe(keys[1])
  })

  it('a lost answer is retried with the same idempotency key and pays once', async () => {
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
    await waitForText(r, '提现 ¥8.00 已到账')
    const tries = callsOf(b, 'promoters.withdraw')
    // The network-down attempt never reached the backend; the two that did carried one key.
    expect(tries).toHaveLength(2)
    expect(tries[0].input.idempotencyKey).toBe(tries[1].input.idempotencyKey)
    expect(state.withdrawals.size).toBe(1)

    // A new withdrawal afterwards is a new attempt with a new key.
    await type(r, '.pc-withdraw__input', '2')
    await submit(r)
    await waitForText(r, '提现 ¥2.00 已到账')
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
    await waitForText(r, '提现 ¥4.00 已到账')
    const [a, c] = callsOf(b, 'promoters.withdraw')
    expect(a.input.idempotencyKey).not.toBe(c.input.idempotencyKey)
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
