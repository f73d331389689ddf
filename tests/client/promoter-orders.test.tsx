import PromoterOrdersPage from '@/promoter/orders/index'
import { forgetLocalIdentity } from '@/shared/api'
import type { PromoterOrderView } from '@core/contracts/views'
import { taroMock } from '../support/taro-mock'
import { FakeBackend, Refusal } from './support/fake-backend'
import { T0, commissionLine, promoterOrder } from './support/fake-promoters'
import { actAsync, cleanup, click, getByText, render, waitFor, waitForText } from './support/render'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** Three orders: by share code from a group, by last touch, and one from a shop that has not approved yet. */
function orders(): PromoterOrderView[] {
  return [
    promoterOrder({
      orderId: 'o_3001',
      units: 2,
      groupLabel: '群 7K2Q',
      commissionFen: 680,
      lines: [
        commissionLine({
          id: 'l_1',
          orderId: 'o_3001',
          status: 'settled',
          availableAt: T0 + 2 * DAY,
          history: [
            { status: 'pending', at: T0 - 2 * DAY },
            { status: 'settled', at: T0 - HOUR },
          ],
        }),
        commissionLine({ id: 'l_2', orderId: 'o_3001', status: 'pending', holdDays: 3, validEnd: T0 + 30 * DAY }),
      ],
    }),
    promoterOrder({
      orderId: 'o_3000',
      dealTitle: '冰美式两杯',
      buyerMasked: '李*',
      rule: 'last_touch',
      shareCode: 'SPOSTLAT0001',
      channel: 'poster',
      windowDays: 14,
      commissionFen: 0,
      lines: [
        commissionLine({
          id: 'l_3',
          orderId: 'o_3000',
          dealTitle: '冰美式两杯',
          status: 'reversed',
          reversedFen: 340,
          history: [
            { status: 'pending', at: T0 - 3 * DAY },
            { status: 'reversed', at: T0 - DAY },
          ],
        }),
      ],
    }),
    promoterOrder({ orderId: 'o_2999', shopName: '山野烘焙', dealTitle: '可颂双拼', commissionCounts: false, commissionFen: 0, lines: [], visitAt: null }),
  ]
}

function backend(items: PromoterOrderView[] = orders(), pageSize = 20) {
  return new FakeBackend()
    .on('promoters.orders', (input, openid) => {
      if (openid !== 'o_promoter') throw new Refusal('NOT_PROMOTER')
      const start = input.cursor ? Number(input.cursor) : 0
      const limit = Math.min(Number(input.limit ?? pageSize), pageSize)
      const page = items.slice(start, start + limit)
      return { items: page, nextCursor: start + limit < items.length ? String(start + limit) : null }
    })
    .install()
}

const calls = (b: FakeBackend) => b.calls.filter((c) => c.action === 'orders')

beforeEach(() => {
  taroMock.reset()
  forgetLocalIdentity()
  taroMock.storage.set('tuanka.persona.openid', 'o_promoter')
})
afterEach(cleanup)

describe('我的订单 (promoter)', () => {
  it('each order says why it is the promoter’s, whether it earns, and each voucher’s line with its states', async () => {
    const b = backend()
    const r = await render(<PromoterOrdersPage />)
    await waitForText(r, '双人下午茶套餐')
    expect(calls(b).map((c) => c.input)).toEqual([{ limit: 20 }])
    const cards = Array.from(r.container.querySelectorAll('.po-card')).map((c) => c.textContent ?? '')
    expect(cards).toHaveLength(3)

    // Share code, opened from a WeChat group; two vouchers, one settled and on hold, one waiting for redemption.
    expect(cards[0]).toContain('¥6.80')
    expect(cards[0]).toContain('拾光咖啡（万象城店） · 张** · 2 份')
    expect(cards[0]).toContain('带分享码下单')
    expect(cards[0]).toMatch(/下单时带着你的分享（群聊卡片 · 分享码 SCARDTEA0001），顾客 (?:\d{4}年)?\d+月\d+日 \d\d:\d\d 打开，来自微信群「群 7K2Q」/)
    expect(cards[0]).toMatch(/第 1 张券已结算¥3\.40冻结中，(?:\d{4}年)?\d+月\d+日 \d\d:\d\d 到账可提现待结算 .+ → 已结算 .+ → 预计可提现/)
    expect(cards[0]).toMatch(/第 2 张券待结算¥3\.40顾客到店核销券码后结算，再冻结 3 天可提现；券码 (?:\d{4}年)?\d+月\d+日 \d\d:\d\d 前未使用会自动退款，不计佣金/)
    expect(cards[0]).not.toContain('店铺审核通过后的订单才计佣金')

    // Last touch within the shop's window (14 days there), refunded: the line is reversed.
    expect(cards[1]).toContain('最后一次分享')
    expect(cards[1]).toMatch(/14 天内最后打开的是你的分享（海报 · 分享码 SPOSTLAT0001，顾客 (?:\d{4}年)?\d+月\d+日 \d\d:\d\d 打开），下单时没有带别人的分享码/)
    expect(cards[1]).toContain('李*')
    expect(cards[1]).toContain('已冲正')
    expect(cards[1]).toContain('订单退款，冲回 ¥3.40')

    // The shop requires approval and had not given it: the order is the promoter's but earns nothing, said plainly.
    expect(cards[2]).toContain('不计佣金')
    expect(cards[2]).toContain('店铺审核通过后的订单才计佣金')
    expect(cards[2]).toContain('下单时带着你的分享（群聊卡片 · 分享码 SCARDTEA0001）')
    expect(cards[2]).not.toContain('打开，')
    expect(r.text()).toContain('没有更多了')
    expect(r.text()).toContain('买家信息已隐去')
  })

  it('pages on reaching the bottom (no duplicates), and pull-down reloads from the first page', async () => {
    const many = Array.from({ length: 25 }, (_, i) => promoterOrder({ orderId: `o_${5000 - i}`, dealTitle: `团购 ${i + 1}` }))
    const b = backend(many)
    const r = await render(<PromoterOrdersPage />)
    await waitForText(r, '团购 20')
    expect(r.container.querySelectorAll('.po-card')).toHaveLength(20)
    expect(r.text()).toContain('上拉加载更多')
    await actAsync(() => taroMock.trigger('reachBottom'))
    await waitForText(r, '团购 25')
    expect(r.container.querySelectorAll('.po-card')).toHaveLength(25)
    expect(calls(b).map((c) => c.input)).toEqual([{ limit: 20 }, { limit: 20, cursor: '20' }])
    expect(r.text()).toContain('没有更多了')

    await actAsync(() => taroMock.trigger('pullDownRefresh'))
    await waitFor(() => expect(calls(b)).toHaveLength(3))
    expect(calls(b)[2].input).toEqual({ limit: 20 })
    await waitFor(() => expect(taroMock.stopPullDownRefresh).toHaveBeenCalled())
  })

  it('a next page that fails keeps the list and offers a retry', async () => {
    const many = Array.from({ length: 22 }, (_, i) => promoterOrder({ orderId: `o_${5000 - i}`, dealTitle: `团购 ${i + 1}` }))
    const b = backend(many)
    const r = await render(<PromoterOrdersPage />)
    await waitForText(r, '团购 20')
    b.failNext('promoters.orders', 'INTERNAL')
    await actAsync(() => taroMock.trigger('reachBottom'))
    await waitForText(r, '服务开小差了，请稍后再试，点此重试')
    expect(r.container.querySelectorAll('.po-card')).toHaveLength(20)
    await click(getByText(r, '点此重试'))
    await waitForText(r, '团购 22')
  })

  it('no orders yet: says how they come', async () => {
    backend([])
    const r = await render(<PromoterOrdersPage />)
    await waitForText(r, '还没有推广订单')
    await click(getByText(r, '去挑团购'))
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('a failed first load shows the message and a retry', async () => {
    const b = backend()
    b.failNext('promoters.orders', 'INTERNAL')
    const r = await render(<PromoterOrdersPage />)
    await waitForText(r, '服务开小差了，请稍后再试')
    await click(getByText(r, '重新加载'))
    await waitForText(r, '双人下午茶套餐')
  })

  it('someone who is not a promoter is told how to become one', async () => {
    backend()
    taroMock.storage.set('tuanka.persona.openid', 'o_consumer')
    const r = await render(<PromoterOrdersPage />)
    await waitForText(r, '成为推手后才有推广订单')
  })
})
