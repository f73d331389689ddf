import { chinaDayStart, DAY_MS } from '../../core/shops/days'
import { openidOf } from '../../local/seed/personas'
import { getDb } from '../../server/platform/cloudbase'
import { AMOUNT_COLUMNS, columnFen, isNumberCell, readSettlement, type Settlement } from '../support/settlement-csv'
import { key, pay } from './support/flows'
import { startTestStack, type TestStack } from './support/stack'

/**
 * The shop's money, seen two ways: the dashboard (owner and staff) and the settlement export (owner). Both must say
 * the same 收入, 退款 and 净收入 for the same China days, with numbers a spreadsheet can add, every row naming its deal.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(() => t.stop())

const SHOP = 'shop_shiguang'
const DEAL = 'deal_tea_for_two'
const owner = openidOf('owner')
const staff = openidOf('staff')
const buyer = openidOf('consumer')
const promoter = openidOf('promoter')

async function ok(fn: string, action: string, input: unknown, who: string) {
  const r = await t.call(fn, { action, input }, who)
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(r.body)}`)
  return r.body.data
}
const dashboard = (who = owner) => ok('shops', 'dashboard', { shopId: SHOP }, who)
const settlement = async (from: string, to: string): Promise<Settlement> => readSettlement((await ok('shops', 'exportCsv', { shopId: SHOP, from, to }, owner)).csv)

/** A buyer pays for `qty` units through the promoter's share (so the order carries a commission line per unit). */
async function buyShared(qty: number) {
  const share = await ok('promoters', 'share', { dealId: DEAL }, promoter)
  await ok('promoters', 'visit', { shareCode: share.shareCode }, buyer)
  const placed = await ok('orders', 'place', { dealId: DEAL, qty, idempotencyKey: key(), shareCode: share.shareCode }, buyer)
  await pay(t, buyer, placed.id)
  return ok('orders', 'get', { id: placed.id }, buyer)
}

const money = (s: Settlement) => ({ grossFen: s.total.fen('收入(元)'), refundedFen: s.total.fen('退款(元)'), netFen: s.total.fen('净收入(元)') })
const totals = (m: { grossFen: number; refundedFen: number; netFen: number }) => ({ grossFen: m.grossFen, refundedFen: m.refundedFen, netFen: m.netFen })

describe('dashboard money and the settlement export', () => {
  let before: any
  let order: any
  let dealTitle: string

  beforeAll(async () => {
    before = await dashboard()
    order = await buyShared(2)
    dealTitle = order.dealTitle
    await ok('redemption', 'confirm', { codes: [order.codes[0].code], idempotencyKey: key() }, staff)
    await ok('orders', 'refund', { orderId: order.id, codes: [order.codes[1].code] }, buyer)
  })

  it('收入 counts what was paid, 退款 what went back, 净收入 the difference — the refund is no longer in 收入 alone', async () => {
    const d = await dashboard()
    expect(d.money.last30.grossFen - before.money.last30.grossFen).toBe(13_600)
    expect(d.money.last30.refundedFen - before.money.last30.refundedFen).toBe(6800)
    expect(d.money.last30.netFen - before.money.last30.netFen).toBe(6800)
    expect(d.money.last30.netFen).toBe(d.money.last30.grossFen - d.money.last30.refundedFen)
    expect(d.money.daily).toHaveLength(30)
    expect(d.money.daily.map((x: { day: string }) => x.day)).toEqual(d.daily.map((x: { day: string }) => x.day))
    expect(d.money.today).toEqual(d.money.daily[29])
    expect({ from: d.money.last30.from, to: d.money.last30.to }).toEqual({ from: d.daily[0].day, to: d.today.day })
    // Counts stay counts: no money among them.
    expect(Object.keys(d.today).sort()).toEqual(['day', 'orders', 'redemptions', 'refunds', 'units'])
  })

  it('the CSV of the dashboard\'s 30 days has the same 收入, 退款 and 净收入, per period and per day', async () => {
    const d = await dashboard()
    const s = await settlement(d.money.last30.from, d.money.last30.to)
    expect(money(s)).toEqual(totals(d.money.last30))
    // Each amount column adds up to its 合计 cell.
    for (const c of AMOUNT_COLUMNS) expect(columnFen(s, c)).toBe(s.total.fen(c))
    // Per day: the rows of a day give that day's dashboard figures.
    for (const day of d.money.daily) {
      const rows = s.rows.filter((r) => r.cells['日期'] === day.day)
      expect({ day: day.day, grossFen: columnFen(s, '收入(元)', rows), refundedFen: columnFen(s, '退款(元)', rows), netFen: columnFen(s, '净收入(元)', rows) }).toEqual(day)
    }
    const today = await settlement(d.today.day, d.today.day)
    expect(money(today)).toEqual(totals(d.money.today))
  })

  it('numbers are numbers (negative ones too), and every row names its deal', async () => {
    const d = await dashboard()
    const s = await settlement(d.money.last30.from, d.money.last30.to)
    expect(s.header).toEqual(['类型', '日期', '时间', '团购', '订单号', '券码', '份数', ...AMOUNT_COLUMNS])
    expect(s.nonNumbers).toEqual([])
    for (const r of s.rows) expect(isNumberCell(r.cells['份数'])).toBe(true)
    const ours = s.rows.filter((r) => r.cells['订单号'] === order.id)
    expect(ours.map((r) => r.cells['类型']).sort()).toEqual(['推广佣金', '推广佣金', '支付', '核销', '退款'].sort())
    for (const r of s.rows) expect(r.cells['团购']).not.toBe('')
    for (const r of ours) expect(r.cells['团购']).toBe(dealTitle)
    const refund = ours.find((r) => r.cells['类型'] === '退款')!
    expect(refund.cells['退款(元)']).toBe('68.00')
    expect(refund.cells['净收入(元)']).toBe('-68.00')
    expect(refund.cells['券码']).toBe(order.codes[1].code)
    expect(ours.find((r) => r.cells['类型'] === '核销')!.cells['核销金额(元)']).toBe('68.00')
    expect(ours.find((r) => r.cells['类型'] === '支付')!.cells).toMatchObject({ 份数: '2', '收入(元)': '136.00', '净收入(元)': '136.00' })
    // One commission line per unit, each with what it keeps after the refund.
    for (const r of ours.filter((x) => x.cells['类型'] === '推广佣金')) expect(isNumberCell(r.cells['推广佣金(元)'])).toBe(true)
  })

  it('a refund counts on the day it was made: an order paid yesterday and refunded today leaves yesterday\'s 收入 alone', async () => {
    const d0 = await dashboard()
    const yesterday = d0.money.daily[28].day
    const late = await buyShared(1)
    // The payment moves to yesterday noon (China time), as if the order had been bought then.
    await getDb().collection('orders').doc(late.id).update({ paidAt: new Date(chinaDayStart(yesterday) + DAY_MS / 2) })
    await ok('orders', 'refund', { orderId: late.id, codes: [late.codes[0].code] }, buyer)
    const d = await dashboard()
    const s = await settlement(d.money.last30.from, d.money.last30.to)
    const paid = s.rows.find((r) => r.cells['订单号'] === late.id && r.cells['类型'] === '支付')!
    const refund = s.rows.find((r) => r.cells['订单号'] === late.id && r.cells['类型'] === '退款')!
    expect(paid.cells['日期']).toBe(yesterday)
    const refundDay = refund.cells['日期'] // today (or tomorrow, had the China day turned meanwhile)
    expect(refundDay > yesterday).toBe(true)
    const on = (dash: any, day: string) => dash.money.daily.find((x: { day: string }) => x.day === day) ?? { grossFen: 0, refundedFen: 0, netFen: 0 }
    expect(on(d, yesterday).grossFen - on(d0, yesterday).grossFen).toBe(6800)
    expect(on(d, yesterday).refundedFen).toBe(on(d0, yesterday).refundedFen)
    expect(on(d, refundDay).refundedFen - on(d0, refundDay).refundedFen).toBe(6800)
    // The export of the refund's day alone: the order was paid outside it, and its refund row still names the deal.
    const day = await settlement(refundDay, refundDay)
    expect(money(day)).toEqual(totals(on(d, refundDay)))
    expect(day.rows.some((r) => r.cells['订单号'] === late.id && r.cells['类型'] === '支付')).toBe(false)
    const alone = day.rows.find((r) => r.cells['订单号'] === late.id && r.cells['类型'] === '退款')!
    expect(alone.cells).toMatchObject({ 团购: late.dealTitle, '退款(元)': '68.00', '净收入(元)': '-68.00' })
  })

  it('the export stays the owner\'s', async () => {
    const day = (await dashboard()).today.day
    expect((await t.call('shops', { action: 'exportCsv', input: { shopId: SHOP, from: day, to: day } }, staff)).body.code).toBe('FORBIDDEN')
  })

  it('periods are whole China days: reversed, impossible or longer than 92 days is refused', async () => {
    const day = (await dashboard()).today.day
    for (const [from, to] of [[day, '2020-01-01'], ['2026-02-30', '2026-03-01'], ['2026-01-01', '2026-04-03']]) {
      expect((await t.call('shops', { action: 'exportCsv', input: { shopId: SHOP, from, to } }, owner)).body.code).toBe('INVALID_PERIOD')
    }
    const ninetyTwo = await t.call('shops', { action: 'exportCsv', input: { shopId: SHOP, from: '2026-01-01', to: '2026-04-02' } }, owner)
    expect(ninetyTwo.body.ok).toBe(true)
  })
})
