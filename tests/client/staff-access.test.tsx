import StaffPromotersPage from '@/staff/promoters/index'
import StaffSettingsPage from '@/staff/settings/index'
import { forgetLocalIdentity } from '@/shared/api'
import type { ShopBrief, ShopPromoterCounts, ShopSettings } from '@core/contracts/views'
import { withoutMoney } from '@core/shops/staff-access'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal } from './support/fake-backend'
import { SHOP } from './support/fake-orders'
import { shopPromoter } from './support/fake-promoters'
import { cleanup, click, getByText, render, waitFor, waitForText, type Rendered } from './support/render'
import { STAFF_ME, installTaroExtras } from './staff-support'

/** Who sees the shop's money: the owner's switch in 店铺设置, and what staff pages show without it. */

const shop: ShopBrief = { ...SHOP, id: 'shop_a' }
const toggle = (r: Rendered, label: string) => getByText(r, label).closest('.st-toggle') as HTMLElement
const isOn = (r: Rendered, label: string) => toggle(r, label).querySelector('.st-switch--on') !== null

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  installTaroExtras()
})
afterEach(cleanup)

describe('店员权限 (owner, 店铺设置)', () => {
  function backend(settings: ShopSettings) {
    return new FakeBackend()
      .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
      .on('shops.get', () => shop)
      .on('shops.settings', () => settings)
      .on('shops.updateSettings', (input, openid) => {
        if (openid !== 'o_owner') throw new Refusal('FORBIDDEN')
        settings.staffSeeRevenue = input.staffSeeRevenue as boolean
        return { ...settings }
      })
      .install()
  }
  beforeEach(() => taroMock.storage.set('tuanka.persona.openid', 'o_owner'))

  it('is off by default with what it means; turning it on saves at once and says so', async () => {
    const settings = { staffSeeRevenue: false }
    const b = backend(settings)
    const r = await render(<StaffSettingsPage />)
    await waitForText(r, '店员可看收入')
    expect(isOn(r, '店员可看收入')).toBe(false)
    expect(r.text()).toContain('店员只看到订单、售出、核销和退款的数量，看不到收入、退款金额和推手佣金。')
    await click(toggle(r, '店员可看收入'))
    await waitForText(r, '已保存：店员现在能看到收入')
    expect(b.calls.filter((c) => c.action === 'updateSettings').map((c) => c.input)).toEqual([{ shopId: 'shop_a', staffSeeRevenue: true }])
    expect(settings.staffSeeRevenue).toBe(true)
    expect(isOn(r, '店员可看收入')).toBe(true)
    expect(r.text()).toContain('对账单仍只有你能导出')
  })

  it('a refused change says why in words and leaves the switch as it was', async () => {
    const b = backend({ staffSeeRevenue: true })
    const r = await render(<StaffSettingsPage />)
    await waitForText(r, '店员可看收入')
    b.failNext('shops.updateSettings', 'INTERNAL')
    await click(toggle(r, '店员可看收入'))
    await waitForText(r, '服务开小差了，请稍后再试')
    expect(isOn(r, '店员可看收入')).toBe(true)
  })

  it('a failed load offers a retry, and the shop form still works', async () => {
    const b = backend({ staffSeeRevenue: false })
    b.failNext('shops.settings', 'INTERNAL')
    const r = await render(<StaffSettingsPage />)
    await waitForText(r, '服务开小差了，请稍后再试')
    expect(r.text()).toContain('店铺信息')
    await click(getByText(r, '重新加载'))
    await waitForText(r, '店员可看收入')
  })
})

describe('推手 (staff the owner keeps money from)', () => {
  it('shows the funnels and approvals, and no commission line at all', async () => {
    taroMock.storage.set('tuanka.persona.openid', 'o_staff')
    const counts: ShopPromoterCounts[] = [
      withoutMoney(shopPromoter({ promoterId: 'p_wang', name: '王姐', approval: 'not_required', visits: 40, visitors: 31, placed: 9, orders: 8, units: 11, redeemed: 7, commissionFen: 3740, settledFen: 2380 })),
    ]
    new FakeBackend()
      .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
      .on('shops.get', () => shop)
      .on('shops.promoters', () => counts)
      .install()
    const r = await render(<StaffPromotersPage />)
    await waitForText(r, '王姐')
    const wang = getByText(r, '王姐').closest('.sp-item') as HTMLElement
    expect(wang.textContent).toContain('40浏览31访客9下单8付款7核销')
    await waitFor(() => expect(r.text()).toContain('推手（1）'))
    expect(r.text()).not.toContain('佣金 ')
    expect(r.text()).not.toContain('已结算')
    expect(r.text()).not.toContain('¥')
    expect(r.container.querySelectorAll('.sp-money')).toHaveLength(0)
  })
})
