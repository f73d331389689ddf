import StaffDashboardPage from '@/staff/dashboard/index'
import { forgetLocalIdentity } from '@/shared/api'
import { exportPeriodProblem } from '@/features/staff/dashboard/ExportCard'
import { addDays, chinaDay } from '@/features/staff/model/chinaTime'
import { barsOf } from '@/features/staff/model/stats'
import type { Dashboard, DayStats, RedemptionRecord } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { FakeBackend } from './support/fake-backend'
import { cleanup, click, getByText, render, waitForText, type Rendered } from './support/render'
import { STAFF_ME, installTaroExtras } from './staff-support'

const today = chinaDay(Date.now())

function chip(r: Rendered, scope: string, text: string): HTMLElement {
  const found = Array.from(r.container.querySelectorAll<HTMLElement>(`${scope} .st-chip`)).find((el) => el.textContent === text)
  if (!found) throw new Error(`no chip ${text} in ${scope}`)
  return found
}
const zero = (day: string): DayStats => ({ day, orders: 0, units: 0, revenueFen: 0, redemptions: 0, refunds: 0, refundedFen: 0 })

function dashboard(): Dashboard {
  const daily = Array.from({ length: 30 }, (_, i) => zero(addDays(today, i - 29)))
  daily[10] = { ...daily[10], orders: 1, units: 2, revenueFen: 13_600, redemptions: 1 }
  daily[20] = { ...daily[20], orders: 4, units: 6, revenueFen: 40_800, redemptions: 3, refunds: 1, refundedFen: 6800 }
  daily[29] = { day: today, orders: 3, units: 5, revenueFen: 34_000, redemptions: 2, refunds: 1, refundedFen: 6800 }
  const sum = (k: Exclude<keyof DayStats, 'day'>) => daily.reduce((a, d) => a + d[k], 0)
  return {
    today: daily[29],
    last30: { day: `${daily[0].day}~${today}`, orders: sum('orders'), units: sum('units'), revenueFen: sum('revenueFen'), redemptions: sum('redemptions'), refunds: sum('refunds'), refundedFen: sum('refundedFen') },
    daily,
  }
}

const RECORDS: (RedemptionRecord & { staff: string })[] = [
  { code: 'ABCDEFGHJKMN', dealTitle: '双人下午茶套餐', unitPriceFen: 6800, redeemedAt: Date.now() - 60_000, staffName: '小周', undoable: true, staff: 'o_staff' },
  { code: 'PQRSTUVWXYZ2', dealTitle: '单人拿铁券', unitPriceFen: 1990, redeemedAt: Date.now() - 3_600_000, staffName: '店主', undoable: false, staff: 'o_owner' },
]

function backend() {
  return new FakeBackend()
    .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
    .on('shops.dashboard', () => dashboard())
    .on('redemption.history', (input) => ({
      items: RECORDS.filter((r) => !input.staff || r.staff === input.staff).map(({ staff: _s, ...r }) => r),
      staff: [
        { openid: 'o_owner', name: '店主' },
        { openid: 'o_staff', name: '小周' },
      ],
    }))
    .on('shops.exportCsv', (input) => ({ filename: `tuanka-shop_a-${input.from}_${input.to}.csv`, csv: '\ufeff类型,时间\r\n' }))
    .install()
}

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  installTaroExtras()
})
afterEach(cleanup)

it('shows today and the last 30 days as numbers, and 30 bars scaled to the busiest day', async () => {
  const b = backend()
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '近 30 天')
  const today = r.container.querySelector('.sd-today')!.textContent!.replace(/\s+/g, '')
  expect(today).toContain('3订单')
  expect(today).toContain('5售出（份）')
  expect(today).toContain('¥340收入')
  expect(today).toContain('2核销（张）')
  expect(today).toContain('1退款（张·¥68）')
  const month = r.container.querySelector('.sd-month .st-stats')!.textContent!.replace(/\s+/g, '')
  expect(month).toBe('8订单13售出（份）¥884收入6核销（张）2退款（张·¥136）')
  expect(b.calls.find((c) => c.action === 'dashboard')?.input).toEqual({ shopId: 'shop_a' })

  const bars = Array.from(r.container.querySelectorAll<HTMLElement>('.st-chart__bar'))
  expect(bars).toHaveLength(30)
  const heights = bars.map((el) => el.style.height)
  expect(heights[20]).toBe('100%') // ¥408, the busiest day
  expect(heights[29]).toBe('83%') // ¥340 / ¥408
  expect(heights[10]).toBe('33%')
  expect(heights[0]).toBe('0%')
  // Switch the metric to 订单 and tap a day.
  await click(chip(r, '.st-chart', '订单'))
  expect(bars.map((el) => el.style.height)[29]).toBe('75%') // 3 of 4 orders
  await click(r.container.querySelectorAll('.st-chart__col')[20])
  expect(r.container.querySelector('.st-chart__picked-value')?.textContent).toBe('4 单')
  // Staff see no owner tools.
  expect(r.text()).not.toContain('导出对账单')
  expect(r.text()).not.toContain('店员管理')
})

it('bars: nothing is drawn for an empty period; a small day is still visible', () => {
  const days = [zero('2026-11-01'), { ...zero('2026-11-02'), orders: 1 }, { ...zero('2026-11-03'), orders: 1000 }]
  expect(barsOf(days, 'orders').bars.map((b) => b.heightPct)).toEqual([0, 3, 100])
  expect(barsOf([zero('2026-11-01')], 'orders').bars[0].heightPct).toBe(0)
})

it('verification history: today by default, filterable by staff member', async () => {
  const b = backend()
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '单人拿铁券')
  expect(b.calls.find((c) => c.action === 'history')?.input).toEqual({ shopId: 'shop_a', day: today })
  expect(r.text()).toContain('共 2 张 · ¥87.9')
  expect(r.text()).toContain('ABCD EFGH JKMN')
  await click(chip(r, '.sd-history', '小周'))
  await waitForText(r, '共 1 张 · ¥68')
  expect(b.calls.filter((c) => c.action === 'history').at(-1)?.input).toEqual({ shopId: 'shop_a', day: today, staff: 'o_staff' })
  expect(r.text()).not.toContain('单人拿铁券')
  await click(chip(r, '.sd-history', '全部')) // the first 全部 is the day filter's
  await waitForText(r, '共 1 张')
  expect(b.calls.filter((c) => c.action === 'history').at(-1)?.input).toEqual({ shopId: 'shop_a', staff: 'o_staff' })
})

it('owners export the settlement CSV for a period (h5: a file download)', async () => {
  const b = backend()
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  const created: Blob[] = []
  Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:csv'), revokeObjectURL: () => undefined })
  const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '导出对账单')
  expect(r.text()).toContain('店员管理')
  await click(getByText(r, '近 7 天'))
  await click(r.container.querySelector('.sd-export__go .tk-button')!)
  await waitForText(r, '已下载 tuanka-shop_a-')
  expect(b.calls.find((c) => c.action === 'exportCsv')?.input).toEqual({ shopId: 'shop_a', from: addDays(today, -6), to: today })
  expect(clicked).toHaveBeenCalled()
  expect(created[0].type).toBe('text/csv;charset=utf-8')
  clicked.mockRestore()
})

it('export periods are checked before asking', () => {
  expect(exportPeriodProblem('2026-11-02', '2026-11-01')).toBe('开始日期不能晚于结束日期')
  expect(exportPeriodProblem('2026-08-01', '2026-10-31')).toBe(null) // 92 days
  expect(exportPeriodProblem('2026-08-01', '2026-11-01')).toBe('一次最多导出 92 天')
})

it('a failed load says so with a retry', async () => {
  const b = backend()
  b.failNext('shops.dashboard', 'INTERNAL')
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '服务开小差了，请稍后再试')
  await click(getByText(r, '重新加载'))
  await waitForText(r, '近 30 天')
})
