import StaffDashboardPage from '@/staff/dashboard/index'
import { forgetLocalIdentity } from '@/shared/api'
import { exportPeriodProblem } from '@/features/staff/dashboard/ExportCard'
import { addDays, chinaDay } from '@/features/staff/model/chinaTime'
import { barsOf, COUNT_METRICS, MONEY_METRICS } from '@/features/staff/model/stats'
import type { Dashboard, DayMoney, DayStats, RedemptionRecord } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { FakeBackend } from './support/fake-backend'
import { cleanup, click, getByText, render, waitForText, type Rendered } from './support/render'
import { STAFF_ME, installTaroExtras } from './staff-support'

const today = chinaDay(Date.now())
const TODAY = today

function chip(r: Rendered, scope: string, text: string): HTMLElement {
  const found = Array.from(r.container.querySelectorAll<HTMLElement>(`${scope} .st-chip`)).find((el) => el.textContent === text)
  if (!found) throw new Error(`no chip ${text} in ${scope}`)
  return found
}
const zero = (day: string): DayStats => ({ day, orders: 0, units: 0, redemptions: 0, refunds: 0 })
const cash = (day: string, grossFen = 0, refundedFen = 0): DayMoney => ({ day, grossFen, refundedFen, netFen: grossFen - refundedFen })
const ORDERS = COUNT_METRICS.find((m) => m.key === 'orders')!
const NET = MONEY_METRICS.find((m) => m.key === 'netFen')!

function dashboard(today = TODAY): Dashboard {
  const days = Array.from({ length: 30 }, (_, i) => addDays(today, i - 29))
  const daily = days.map(zero)
  daily[10] = { ...daily[10], orders: 1, units: 2, redemptions: 1 }
  daily[20] = { ...daily[20], orders: 4, units: 6, redemptions: 3, refunds: 1 }
  daily[25] = { ...daily[25], refunds: 2 }
  daily[29] = { day: today, orders: 3, units: 5, redemptions: 2, refunds: 1 }
  const money = days.map((d) => cash(d))
  money[10] = cash(days[10], 13_600)
  money[20] = cash(days[20], 40_800, 6800)
  money[25] = cash(days[25], 0, 13_600) // refunds of earlier orders, no sales: a negative day
  money[29] = cash(today, 34_000, 6800)
  const sum = (k: Exclude<keyof DayStats, 'day'>) => daily.reduce((a, d) => a + d[k], 0)
  const gross = money.reduce((a, d) => a + d.grossFen, 0)
  const refunded = money.reduce((a, d) => a + d.refundedFen, 0)
  return {
    today: daily[29],
    last30: { day: `${days[0]}~${today}`, orders: sum('orders'), units: sum('units'), redemptions: sum('redemptions'), refunds: sum('refunds') },
    daily,
    money: { today: money[29], last30: { from: days[0], to: today, grossFen: gross, refundedFen: refunded, netFen: gross - refunded }, daily: money },
  }
}

const RECORDS: (RedemptionRecord & { staff: string })[] = [
  { code: 'ABCDEFGHJKMN', dealTitle: '双人下午茶套餐', unitPriceFen: 6800, redeemedAt: Date.now() - 60_000, staffName: '小周', undoable: true, staff: 'o_staff' },
  { code: 'PQRSTUVWXYZ2', dealTitle: '单人拿铁券', unitPriceFen: 1990, redeemedAt: Date.now() - 3_600_000, staffName: '店主', undoable: false, staff: 'o_owner' },
]

function backend(serverDay = TODAY) {
  return new FakeBackend()
    .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
    .on('shops.dashboard', () => dashboard(serverDay))
    .on('shops.refundIssues', () => [])
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

it('shows 收入 − 退款 = 净收入 for today and the last 30 days, apart from the counts', async () => {
  backend()
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '收入与退款')
  const squash = (sel: string) => r.container.querySelector(sel)!.textContent!.replace(/\s+/g, '')
  expect(squash('.sd-receipt--today')).toContain('收入¥340.00退款-¥68.00净收入¥272.00')
  expect(squash('.sd-receipt--period')).toBe('近30天收入¥884.00退款-¥272.00净收入¥612.00')
  expect(r.text()).toContain('净收入 = 收入 − 退款，与同期对账单的合计一致')
  // No money among the counts.
  expect(squash('.sd-today')).not.toContain('¥')
  expect(squash('.sd-month .st-stats')).toBe('8订单13售出（份）6核销（张）4退款（张）')
})

it('money chart: 净收入 per day, a negative day drawn apart, the picked day with all three figures', async () => {
  backend()
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '收入与退款')
  const cols = Array.from(r.container.querySelectorAll<HTMLElement>('.sd-money .st-chart__col'))
  expect(cols).toHaveLength(30)
  const heights = () => cols.map((el) => (el.querySelector('.st-chart__bar') as HTMLElement).style.height)
  expect(heights()[20]).toBe('100%') // ¥340 net, the day furthest from zero
  expect(heights()[29]).toBe('80%') // ¥272 / ¥340
  expect(heights()[25]).toBe('40%') // -¥136
  expect(cols[25].className).toContain('st-chart__col--neg')
  expect(heights()[0]).toBe('0%')
  expect(r.container.querySelector('.sd-money .st-chart__detail')!.textContent).toBe('收入 ¥340.00 − 退款 ¥68.00 = 净收入 ¥272.00')
  await click(cols[25])
  expect(r.container.querySelector('.sd-money .st-chart__picked-value')!.textContent).toBe('-¥136.00')
  expect(r.container.querySelector('.sd-money .st-chart__detail')!.textContent).toBe('收入 ¥0.00 − 退款 ¥136.00 = 净收入 -¥136.00')
  await click(chip(r, '.sd-money', '收入'))
  expect(heights()[20]).toBe('100%') // ¥408 gross
  expect(heights()[25]).toBe('0%')
})

it('counts chart: 30 bars scaled to the busiest day; staff see no owner tools', async () => {
  const b = backend()
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '近 30 天')
  expect(b.calls.find((c) => c.action === 'dashboard')?.input).toEqual({ shopId: 'shop_a' })
  const bars = Array.from(r.container.querySelectorAll<HTMLElement>('.sd-month .st-chart__bar'))
  expect(bars).toHaveLength(30)
  expect(bars.map((el) => el.style.height)[29]).toBe('75%') // 3 of 4 orders
  await click(chip(r, '.sd-month', '核销'))
  expect(bars.map((el) => el.style.height)[20]).toBe('100%')
  await click(r.container.querySelectorAll('.sd-month .st-chart__col')[20])
  expect(r.container.querySelector('.sd-month .st-chart__picked-value')?.textContent).toBe('3 张')
  expect(r.text()).not.toContain('导出对账单')
  expect(r.text()).not.toContain('店员管理')
})

it('bars: nothing is drawn for an empty period; a small day is still visible; negative days by their size', () => {
  const days = [zero('2026-11-01'), { ...zero('2026-11-02'), orders: 1 }, { ...zero('2026-11-03'), orders: 1000 }]
  expect(barsOf(days, ORDERS).bars.map((b) => b.heightPct)).toEqual([0, 3, 100])
  expect(barsOf([zero('2026-11-01')], ORDERS).bars[0].heightPct).toBe(0)
  const money = barsOf([cash('2026-11-01', 100), cash('2026-11-02', 0, 200)], NET)
  expect(money.max).toBe(200)
  expect(money.bars.map((b) => [b.heightPct, b.negative])).toEqual([[50, false], [100, true]])
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

it("the export's 近 30 天 is the dashboard's 30 days, counted on the server's day (not the device's)", async () => {
  const serverDay = addDays(today, -1) // the phone's clock runs a day ahead
  const b = backend(serverDay)
  taroMock.storage.set('tuanka.persona.openid', 'o_owner')
  Object.assign(URL, { createObjectURL: () => 'blob:csv', revokeObjectURL: () => undefined })
  const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '导出对账单')
  await click(chip(r, '.sd-export', '近 30 天'))
  await click(r.container.querySelector('.sd-export__go .tk-button')!)
  await waitForText(r, '已下载')
  const { from, to } = dashboard(serverDay).money!.last30
  expect(b.calls.find((c) => c.action === 'exportCsv')?.input).toEqual({ shopId: 'shop_a', from, to })
  expect(to).toBe(serverDay)
  clicked.mockRestore()
})

it('staff the owner keeps the money from see the counts only: no money card, no money tile, no price in the history, no empty box', async () => {
  const counts = { ...dashboard(), money: null }
  new FakeBackend()
    .on('shops.me', (_i, openid) => STAFF_ME[openid ?? ''] ?? STAFF_ME.o_consumer)
    .on('shops.dashboard', () => counts)
    .on('redemption.history', () => ({ items: RECORDS.map(({ staff: _s, unitPriceFen: _p, ...r }) => r), staff: [] }))
    .install()
  taroMock.storage.set('tuanka.persona.openid', 'o_staff')
  const r = await render(<StaffDashboardPage />)
  await waitForText(r, '近 30 天')
  await waitForText(r, '共 2 张')
  expect(r.text()).toContain('双人下午茶套餐')
  expect(r.text()).not.toContain('收入')
  expect(r.text()).not.toContain('¥')
  expect(r.container.querySelector('.sd-receipt')).toBeNull()
  const tiles = Array.from(r.container.querySelectorAll('.st-stats__tile'))
  expect(tiles.length).toBeGreaterThan(0)
  for (const t of tiles) expect(t.querySelector('.st-stats__value')?.textContent).toMatch(/^\d+$/)
  expect(r.container.querySelector('.sd-today')?.textContent).toContain('核销')
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
