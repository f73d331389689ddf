import StaffPromotersPage from '@/staff/promoters/index'
import StaffDashboardPage from '@/staff/dashboard/index'
import { forgetLocalIdentity } from '@/shared/api'
import type { PromoterPolicy, ShopBrief, ShopPromoterView } from '@core/contracts/views'
import { approvalSwitchNotice, parseDays, policyPatch } from '@/features/staff/promoters'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal } from './support/fake-backend'
import { SHOP } from './support/fake-orders'
import { shopPromoter } from './support/fake-promoters'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'
import { STAFF_ME, installTaroExtras, typeInto } from './staff-support'

interface State {
  shop: ShopBrief
  promoters: ShopPromoterView[]
}

function state(policy: Partial<PromoterPolicy> = {}): State {
  return {
    shop: { ...SHOP, id: 'shop_a', promoterPolicy: { ...SHOP.promoterPolicy, approvalRequired: true, ...policy } },
    promoters: [
      shopPromoter({ promoterId: 'p_li', name: '李姐', approval: 'pending', visits: 9, visitors: 6, placed: 2, orders: 2, units: 3, redeemed: 1, commissionFen: 0 }),
      shopPromoter({ promoterId: 'p_wang', name: '王姐', approval: 'approved', visits: 40, visitors: 31, placed: 9, orders: 8, units: 11, redeemed: 7, commissionFen: 3740, settledFen: 2380 }),
      shopPromoter({ promoterId: 'p_zhao', name: '赵哥', approval: 'rejected', visits: 3, visitors: 3 }),
    ],
  }
}

function backend(s: State) {
  return new FakeBackend()
    .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
    .on('shops.get', () => s.shop)
    .on('shops.promoters', () => s.promoters)
    .on('shops.update', (input, openid) => {
      if (openid !== 'o_owner') throw new Refusal('FORBIDDEN')
      s.shop = { ...s.shop, promoterPolicy: { ...s.shop.promoterPolicy, ...(input.promoterPolicy as Partial<PromoterPolicy>) } }
      return s.shop
    })
    .on('shops.reviewPromoter', (input, openid) => {
      if (openid !== 'o_owner') throw new Refusal('FORBIDDEN')
      const p = s.promoters.find((x) => x.promoterId === input.promoterId)
      if (!p) throw new Refusal('PROMOTER_NOT_FOUND')
      const next = { ...p, approval: input.decision as ShopPromoterView['approval'] }
      s.promoters = s.promoters.map((x) => (x.promoterId === p.promoterId ? next : x))
      return next
    })
    .install()
}

const callsOf = (b: FakeBackend, key: string) => b.calls.filter((c) => `${c.fn}.${c.action}` === key)
const item = (r: Rendered, name: string) => getByText(r, name).closest('.sp-item') as HTMLElement
const buttonIn = (el: Element, text: string) => {
  const b = Array.from(el.querySelectorAll<HTMLElement>('.tk-button')).find((x) => x.textContent === text)
  if (!b) throw new Error(`no button ${text} in ${el.textContent}`)
  return b
}
function field(r: Rendered, label: string): HTMLInputElement {
  const el = Array.from(r.container.querySelectorAll('.st-field')).find((f) => f.querySelector('.st-field__label')?.textContent === label)
  const input = el?.querySelector('input') as HTMLInputElement | null
  if (!input) throw new Error(`no field ${label}`)
  return input
}
const toggle = (r: Rendered, label: string) => getByText(r, label).closest('.st-toggle') as HTMLElement

let extras: ReturnType<typeof installTaroExtras>
beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  extras = installTaroExtras()
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
})
afterEach(cleanup)

describe('推手 (owner)', () => {
  it('shows the rules with one line of consequence each, and the promoters pending first with funnels and commission', async () => {
    backend(state())
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '推手规则')
    await waitForText(r, '李姐')
    const t = r.text()
    expect(t).toContain('审核推手只有你通过的推手才有佣金，通过之前带来的订单不计佣金；开启时已在推广的推手自动通过。')
    expect(t).toContain('顾客打开推手的分享后 7 天内下单，算最后一位分享者的。')
    expect(t).toContain('自购返佣推手自己买不计佣金（推荐）。')
    expect(t).toContain('券核销后佣金立即可提现。')
    expect(t).toContain('修改只影响之后的新订单')
    expect(toggle(r, '审核推手').querySelector('.st-switch--on')).not.toBeNull()
    expect(toggle(r, '自购返佣').querySelector('.st-switch--on')).toBeNull()

    const names = Array.from(r.container.querySelectorAll('.sp-item__name')).map((e) => e.textContent)
    expect(names).toEqual(['李姐', '王姐', '赵哥'])
    expect(t).toContain('推手（3）')
    expect(t).toContain('1 位推手等待审核：通过后，他们之后带来的订单才计佣金')
    const wang = item(r, '王姐').textContent ?? ''
    expect(wang).toContain('已通过')
    expect(wang).toContain('40浏览31访客9下单8付款7核销')
    expect(wang).toContain('佣金 ¥37.40')
    expect(wang).toContain('已结算 ¥23.80')
    expect(item(r, '李姐').textContent).toContain('待审核')
    expect(item(r, '赵哥').textContent).toContain('未通过：TA 带来的订单不计佣金')
    // Owner actions: pending -> 不通过 / 通过; approved -> 取消资格; rejected -> 通过.
    expect(Array.from(item(r, '李姐').querySelectorAll('.tk-button')).map((b) => b.textContent)).toEqual(['不通过', '通过'])
    expect(Array.from(item(r, '王姐').querySelectorAll('.tk-button')).map((b) => b.textContent)).toEqual(['取消资格'])
    expect(Array.from(item(r, '赵哥').querySelectorAll('.tk-button')).map((b) => b.textContent)).toEqual(['通过'])
  })

  it('approves a pending promoter in place; rejecting asks first', async () => {
    const s = state()
    const b = backend(s)
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '李姐')
    await click(buttonIn(item(r, '李姐'), '通过'))
    await waitFor(() => expect(item(r, '李姐').textContent).toContain('已通过'))
    expect(callsOf(b, 'shops.reviewPromoter').map((c) => c.input)).toEqual([{ shopId: 'shop_a', promoterId: 'p_li', decision: 'approved' }])
    expect(r.text()).not.toContain('等待审核')
    expect(extras.showModal).not.toHaveBeenCalled()

    // 取消资格: the owner is asked; saying no changes nothing.
    extras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(buttonIn(item(r, '王姐'), '取消资格'))
    expect(extras.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消推手资格', content: expect.stringContaining('已经产生的佣金不受影响') }))
    expect(callsOf(b, 'shops.reviewPromoter')).toHaveLength(1)
    await click(buttonIn(item(r, '王姐'), '取消资格'))
    await waitFor(() => expect(item(r, '王姐').textContent).toContain('未通过'))
    expect(callsOf(b, 'shops.reviewPromoter')[1].input).toEqual({ shopId: 'shop_a', promoterId: 'p_wang', decision: 'rejected' })
  })

  it('a refused decision is a toast in words, the state unchanged', async () => {
    const b = backend(state())
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '李姐')
    b.failNext('shops.reviewPromoter', 'PROMOTER_NOT_FOUND')
    await click(buttonIn(item(r, '李姐'), '通过'))
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该推手不存在' })))
    expect(item(r, '李姐').textContent).toContain('待审核')
  })

  it('saves only what changed in the rules, checks the day ranges, and reloads the promoters', async () => {
    const s = state()
    const b = backend(s)
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '推手规则')
    await waitFor(() => expect(() => field(r, '归因窗口')).not.toThrow())
    expect(getByText(r, '没有修改')).toBeTruthy()

    await typeInto(field(r, '归因窗口'), '31')
    await waitForText(r, '多少天内下单算该推手的（1-30 天）')
    await click(getByText(r, '保存推手规则'))
    await waitForText(r, '请填写 1 到 30 之间的整数天数')
    expect(callsOf(b, 'shops.update')).toHaveLength(0)

    await typeInto(field(r, '归因窗口'), '14')
    await typeInto(field(r, '佣金冻结天数'), '3')
    await click(toggle(r, '自购返佣'))
    const t = r.text()
    expect(t).toContain('顾客打开推手的分享后 14 天内下单')
    expect(t).toContain('券核销后佣金冻结 3 天才能提现')
    expect(t).toContain('推手用自己的分享购买，也拿佣金。')
    const before = callsOf(b, 'shops.promoters').length
    await click(getByText(r, '保存推手规则'))
    await waitForText(r, '已保存。新规则对之后的下单和核销生效')
    expect(callsOf(b, 'shops.update').map((c) => c.input)).toEqual([{ shopId: 'shop_a', promoterPolicy: { attributionDays: 14, selfPurchase: true, holdDays: 3 } }])
    expect(s.shop.promoterPolicy).toEqual({ approvalRequired: true, attributionDays: 14, selfPurchase: true, holdDays: 3 })
    await waitFor(() => expect(callsOf(b, 'shops.promoters').length).toBe(before + 1))
    expect(getByText(r, '没有修改')).toBeTruthy()

    // Approval off: promoters no longer need review (no buttons on approved ones).
    await click(toggle(r, '审核推手'))
    expect(r.text()).toContain('任何推手分享本店团购带来的订单都计佣金，无需审核。')
    await click(getByText(r, '保存推手规则'))
    await waitFor(() => expect(callsOf(b, 'shops.update')).toHaveLength(2))
    expect(callsOf(b, 'shops.update')[1].input).toEqual({ shopId: 'shop_a', promoterPolicy: { approvalRequired: false } })
    await waitFor(() => expect(item(r, '王姐').querySelectorAll('.tk-button')).toHaveLength(0))
  })

  it('turning 审核 on asks first, naming who it touches; cancelling saves nothing', async () => {
    const s = state({ approvalRequired: false })
    s.promoters = s.promoters.map((p) => ({ ...p, approval: 'not_required' }))
    const b = backend(s)
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '李姐')
    await click(toggle(r, '审核推手'))
    expect(r.text()).toContain('开启时已在推广的推手自动通过')
    extras.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(getByText(r, '保存推手规则'))
    expect(extras.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '开启审核推手？', content: '现有 3 位推手（李姐、王姐、赵哥）自动通过，照常计佣金。之后新来的推手要你审核通过才计佣金，通过之前他们带来的订单不计佣金。' }),
    )
    expect(callsOf(b, 'shops.update')).toHaveLength(0)
    expect(toggle(r, '审核推手').querySelector('.st-switch--on')).not.toBeNull()

    await click(getByText(r, '保存推手规则'))
    await waitForText(r, '已保存')
    expect(callsOf(b, 'shops.update').map((c) => c.input)).toEqual([{ shopId: 'shop_a', promoterPolicy: { approvalRequired: true } }])
    // Turning it off again asks nothing (nobody loses anything).
    await click(toggle(r, '审核推手'))
    await click(getByText(r, '保存推手规则'))
    await waitFor(() => expect(callsOf(b, 'shops.update')).toHaveLength(2))
    expect(extras.showModal).toHaveBeenCalledTimes(2)
  })

  it('the question counts many promoters and names the first few; with none it says so', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ name: ['王姐', '李姐', '赵哥', '钱叔', '孙姨'][i] }))
    expect(approvalSwitchNotice(many).content).toMatch(/^现有 5 位推手（王姐、李姐、赵哥等）自动通过/)
    expect(approvalSwitchNotice([]).content).toMatch(/^目前还没有推手分享过本店团购。之后新来的推手要你审核通过才计佣金/)
    expect(approvalSwitchNotice(null).content).toMatch(/^已经分享过本店团购的推手自动通过/)
  })

  it('a failed save says why and keeps the form', async () => {
    const b = backend(state())
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '推手规则')
    await click(toggle(r, '自购返佣'))
    b.failNext('shops.update', 'INTERNAL')
    await click(getByText(r, '保存推手规则'))
    await waitForText(r, '服务开小差了，请稍后再试')
    expect(toggle(r, '自购返佣').querySelector('.st-switch--on')).not.toBeNull()
  })

  it('no promoters yet; a failed list load offers a retry', async () => {
    const s = state()
    s.promoters = []
    const b = backend(s)
    b.failNext('shops.promoters', 'INTERNAL')
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '服务开小差了，请稍后再试')
    await click(getByText(r, '重新加载'))
    await waitForText(r, '还没有推手分享过本店的团购')
  })

  it('the dashboard links to 推手', async () => {
    new FakeBackend()
      .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
      .on('shops.dashboard', () => {
        const day = { day: '2026-11-23', orders: 0, units: 0, revenueFen: 0, redemptions: 0, refunds: 0, refundedFen: 0 }
        return { today: day, last30: day, daily: [day] }
      })
      .on('redemption.history', () => ({ items: [], nextCursor: null }))
      .install()
    const r = await render(<StaffDashboardPage />)
    await waitForText(r, '推手规则、审核推手和推广数据')
    await click(getByText(r, '推手规则、审核推手和推广数据'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/promoters/index' })
  })
})

describe('推手 (staff)', () => {
  beforeEach(() => taroMock.storage.set('tuanka.persona.openid', 'o_staff'))

  it('sees the rules and the promoters read-only: no form, no review buttons', async () => {
    const b = backend(state({ holdDays: 7 }))
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '李姐')
    const t = r.text()
    expect(t).toContain('店主设置')
    expect(t).toContain('审核推手开启')
    expect(t).toContain('归因窗口7 天')
    expect(t).toContain('佣金冻结7 天券核销后佣金冻结 7 天才能提现')
    expect(r.container.querySelectorAll('input')).toHaveLength(0)
    expect(r.container.querySelectorAll('.sp-item .tk-button')).toHaveLength(0)
    expect(t).toContain('1 位推手等待审核，由店主审核')
    expect(item(r, '李姐').textContent).toContain('等待店主审核')
    expect(callsOf(b, 'shops.update')).toHaveLength(0)
  })

  it('the dashboard links staff to the read-only 推手 page', async () => {
    new FakeBackend()
      .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
      .on('shops.dashboard', () => {
        const day = { day: '2026-11-23', orders: 0, units: 0, revenueFen: 0, redemptions: 0, refunds: 0, refundedFen: 0 }
        return { today: day, last30: day, daily: [day] }
      })
      .on('redemption.history', () => ({ items: [], nextCursor: null }))
      .install()
    const r = await render(<StaffDashboardPage />)
    await waitForText(r, '推广本店团购的推手和推广数据（只读）')
    expect(r.text()).not.toContain('店铺设置')
  })
})

describe('policy form model', () => {
  it('days are whole numbers within range (full-width digits and a trailing 天 accepted)', () => {
    expect(parseDays('7', { min: 1, max: 30 })).toBe(7)
    expect(parseDays('１４天', { min: 1, max: 30 })).toBe(14)
    expect(parseDays('0', { min: 0, max: 30 })).toBe(0)
    for (const bad of ['0', '31', '', '1.5', '-1', 'abc']) expect(parseDays(bad, { min: 1, max: 30 })).toBeNull()
  })

  it('the patch has only what changed', () => {
    const p = { approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 }
    expect(policyPatch(p, { ...p })).toBeNull()
    expect(policyPatch(p, { ...p, holdDays: 2 })).toEqual({ holdDays: 2 })
  })
})
