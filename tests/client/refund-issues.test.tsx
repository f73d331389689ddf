import StaffDashboardPage from '@/staff/dashboard/index'
import { forgetLocalIdentity } from '@/shared/api'
import { addDays, chinaDay } from '@/features/staff/model/chinaTime'
import type { Dashboard, DayStats, RefundIssue, RefundRequery } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { FakeBackend } from './support/fake-backend'
import { cleanup, click, render, waitForText, type Rendered } from './support/render'
import { STAFF_ME, installTaroExtras } from './staff-support'

/** 退款异常 on the shop dashboard: the owner sees each refund WeChat Pay could not return and re-queries it. */
const SINCE = Date.UTC(2026, 10, 28, 2, 30)
const zero = (day: string): DayStats => ({ day, orders: 0, units: 0, redemptions: 0, refunds: 0 })
function dashboard(): Dashboard {
  const today = chinaDay(SINCE)
  const daily = Array.from({ length: 30 }, (_, i) => zero(addDays(today, i - 29)))
  return { today: daily[29], last30: { ...zero(`${daily[0].day}~${today}`) }, daily, money: null }
}
const ISSUE: RefundIssue = { refundNo: 'RABCDEFGHJKMN', orderId: 'o3f2a9c0177bd4e21a0c5d6e7', dealTitle: '单人拿铁券', refundFen: 1990, since: SINCE }

function backend(issues: RefundIssue[], answers: RefundRequery['status'][] = []) {
  let open = [...issues]
  return new FakeBackend()
    .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
    .on('shops.dashboard', () => dashboard())
    .on('redemption.history', () => ({ items: [], staff: [] }))
    .on('shops.refundIssues', () => open)
    .on('shops.retryRefund', (input) => {
      const status = answers.shift()!
      if (status === 'succeeded') open = open.filter((i) => i.refundNo !== input.refundNo)
      return { refundNo: input.refundNo, status }
    })
    .install()
}

const block = (r: Rendered) => r.container.querySelector('.sd-refund-issues')
function button(r: Rendered, text: string): HTMLElement {
  const found = Array.from(r.container.querySelectorAll<HTMLElement>('.sd-refund-issues .tk-button')).find((el) => el.textContent === text)
  if (!found) throw new Error(`no button ${text}`)
  return found
}

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  installTaroExtras()
})
afterEach(cleanup)

it('the owner sees the refund (readable order number, deal, ¥, what to do); 重新查询 says where it is, then it leaves the list', async () => {
  const b = backend([ISSUE], ['abnormal', 'succeeded'])
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '退款异常 · 1 笔')
  const text = block(r)!.textContent!
  expect(text).toContain('单人拿铁券')
  expect(text).toContain('订单号 3F2A 9C01 77BD 4E21 A0C5 D6E7')
  expect(text).toContain('退款金额 ¥19.90')
  expect(text).toContain('异常自')
  expect(text).toContain('在微信支付商户平台处理退款异常')
  expect(text).toContain('「重新查询」')
  expect(text).not.toContain('RABCDEFGHJKMN')

  await click(button(r, '重新查询'))
  await waitForText(r, '微信支付仍显示退款异常，请先在商户平台处理')
  expect(b.calls.filter((c) => c.action === 'retryRefund').map((c) => c.input)).toEqual([{ shopId: 'shop_a', refundNo: 'RABCDEFGHJKMN' }])
  expect(block(r)!.textContent).toContain('退款异常 · 1 笔')

  await click(button(r, '重新查询'))
  await waitForText(r, '已退款成功')
  expect(block(r)!.textContent).toContain('退款异常 · 0 笔')
  expect(block(r)!.textContent).not.toContain('单人拿铁券')
  expect(b.calls.filter((c) => c.action === 'refundIssues')).toHaveLength(2)
})

it('no block when nothing is abnormal, and none for staff (not asked)', async () => {
  const owner = backend([])
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  let r = await render(<StaffDashboardPage />)
  await waitForText(r, '近 30 天')
  expect(owner.calls.some((c) => c.action === 'refundIssues')).toBe(true)
  expect(block(r)).toBeNull()
  cleanup()

  const staff = backend([ISSUE])
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
  r = await render(<StaffDashboardPage />)
  await waitForText(r, '近 30 天')
  expect(staff.calls.some((c) => c.action === 'refundIssues')).toBe(false)
  expect(r.text()).not.toContain('退款异常')
})

it('a failed re-query shows the message in words, never the code, and the refund stays listed', async () => {
  const b = backend([ISSUE])
  b.failNext('shops.retryRefund', 'REFUND_NOT_FOUND')
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '退款异常 · 1 笔')
  await click(button(r, '重新查询'))
  await waitForText(r, '找不到这笔退款')
  expect(r.text()).not.toContain('REFUND_NOT_FOUND')
  expect(block(r)!.textContent).toContain('单人拿铁券')
})
