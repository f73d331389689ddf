import { jest } from '@jest/globals'
import type { BuyerList, CodeView, DealDetail, NotificationView, OrderState, OrderSummary, OrderView, ReviewSummary, ShopBrief } from '@core/contracts/views'
import { messageFor } from '@core/errors'
import { FakeBackend, NOW, Refusal, dealDetail } from './fake-backend'

const DAY = 24 * 3600 * 1000

export function orderView(over: Partial<OrderView> & Pick<OrderView, 'id'>): OrderView {
  const qty = over.qty ?? over.codes?.length ?? 1
  const unit = over.unitPriceFen ?? 6800
  const codes = over.codes ?? []
  return {
    dealId: 'deal_tea',
    dealTitle: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份',
    cover: '/files/demo/coffee-1.svg',
    shopName: '拾光咖啡（万象城店）',
    qty,
    amountFen: unit * qty,
    state: 'paid',
    unusedCount: codes.filter((c) => c.state === 'unused').length,
    createdAt: NOW - 10 * 60_000,
    payBefore: NOW + 5 * 60_000,
    shopId: 'shop_a',
    unitPriceFen: unit,
    refundedFen: 0,
    phone: null,
    paidAt: NOW - 9 * 60_000,
    validStart: NOW - 5 * DAY,
    validEnd: NOW + 45 * DAY,
    codes,
    timeline: [],
    reviewed: false,
    serverTime: NOW,
    ...over,
  }
}

export const code = (c: string, state: CodeView['state'] = 'unused', over: Partial<CodeView> = {}): CodeView => ({
  code: c,
  state,
  redeemedAt: state === 'redeemed' ? NOW - 60_000 : null,
  refundedAt: state === 'refunded' ? NOW - 60_000 : null,
  refundReason: state === 'refunded' || state === 'refunding' ? 'buyer' : null,
  ...over,
})

export const SHOP: ShopBrief = {
  id: 'shop_a',
  name: '拾光咖啡（万象城店）',
  address: '深圳市南山区深南大道 9668 号万象城 L2-218',
  phone: '0755-86001234',
  location: null,
  hours: '周一至周日 09:00-22:00',
  promoterPolicy: { approvalRequired: false, attributionDays: 7, selfPurchase: false, holdDays: 0 },
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/**
 * The consumer journey's functions in memory, on a FakeBackend: a deal, checkout with real idempotency semantics
 * (same key → same order; same key with another quantity → IDEMPOTENCY_CONFLICT), payments.prepay (WeChat Pay's
 * parameters), the local payment sheet's GET/POST /local/pay (the emulator's; `provider = 'wechat'` makes the app a
 * production build instead, which pays with Taro.requestPayment), orders.get / refund /
 * listMine / notifications, the deal's buyers and reviews, promoters.visit and shops.get.
 */
export class FakeShop {
  readonly orders = new Map<string, OrderView>()
  private byKey = new Map<string, string>()
  private seq = 0
  /** 'wechat': the app runs as a production build (TUANKA_BACKEND other than the gateway), paying through WeChat Pay. */
  get provider(): 'local' | 'wechat' {
    return (globalThis as { TUANKA_BACKEND?: string }).TUANKA_BACKEND === 'gateway' ? 'local' : 'wechat'
  }
  set provider(p: 'local' | 'wechat') {
    ;(globalThis as { TUANKA_BACKEND?: string }).TUANKA_BACKEND = p === 'local' ? 'gateway' : 'cloud'
  }
  /** orders.get answers pending_payment this many more times after a payment (a slow callback). */
  callbackLag = 0
  notifications: NotificationView[] = []
  buyers: BuyerList = { totalBuyers: 0, totalUnits: 0, items: [], group: null }
  reviews: ReviewSummary = { average: null, count: 0, items: [] }
  readonly localPays: string[] = []

  constructor(
    readonly backend: FakeBackend,
    public deal: DealDetail = dealDetail({ id: 'deal_tea', title: '双人下午茶套餐｜两杯拿铁 + 任选蛋糕一份' }),
  ) {
    this.provider = 'local'
    backend
      .on('deals.get', (input) => {
        if (input.id !== this.deal.id) throw new Refusal('DEAL_NOT_FOUND')
        return this.deal
      })
      .on('deals.buyers', () => this.buyers)
      .on('deals.reviews', () => this.reviews)
      .on('promoters.visit', () => ({ bound: true }))
      .on('shops.get', (input) => {
        if (input.id !== SHOP.id) throw new Refusal('SHOP_NOT_FOUND')
        return SHOP
      })
      .on('orders.place', (input, openid) => this.place(input, openid))
      .on('payments.prepay', (input) => this.prepay(String(input.orderId)))
      .on('orders.get', (input) => this.get(String(input.id)))
      .on('orders.refund', (input) => this.refund(String(input.orderId), input.codes as string[]))
      .on('orders.listMine', (input) => this.listMine(input))
      .on('orders.cancel', (input) => this.cancel(String(input.orderId)))
      .on('orders.notifications', () => this.notifications)
  }

  /** Installs the backend's fetch, and in front of it the gateway's POST /local/pay. */
  install(): this {
    this.backend.install()
    const inner = globalThis.fetch
    globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      const where = new URL(String(url), 'http://local')
      if (where.pathname === '/local/pay') {
        if (this.backend.networkDown) throw new TypeError('Failed to fetch')
        if ((init?.method ?? 'GET') === 'GET') return this.previewPay(where.searchParams.get('package') ?? '')
        return this.localPay(JSON.parse(String(init?.body)) as { package: string })
      }
      return inner(url as string, init)
    }) as unknown as typeof fetch
    return this
  }

  add(view: OrderView): OrderView {
    this.orders.set(view.id, view)
    return view
  }

  private place(input: Record<string, unknown>, openid: string | null): OrderView {
    if (!openid) throw new Refusal('UNAUTHENTICATED')
    const key = `${openid}|${String(input.idempotencyKey)}`
    const qty = Number(input.qty)
    const first = this.byKey.get(key)
    if (first) {
      const o = this.orders.get(first)!
      if (o.qty !== qty || o.dealId !== input.dealId) throw new Refusal('IDEMPOTENCY_CONFLICT')
      return o
    }
    if (input.dealId !== this.deal.id) throw new Refusal('DEAL_NOT_FOUND')
    if (qty > this.deal.perUserLimit) throw new Refusal('OVER_LIMIT')
    if (qty > this.deal.stockLeft) throw new Refusal(this.deal.stockLeft === 0 ? 'SOLD_OUT' : 'INSUFFICIENT_STOCK')
    const id = `o_${++this.seq}`
    this.byKey.set(key, id)
    this.deal = { ...this.deal, stockLeft: this.deal.stockLeft - qty, sold: this.deal.sold + qty }
    return this.add(
      orderView({
        id,
        dealId: this.deal.id,
        dealTitle: this.deal.title,
        qty,
        unitPriceFen: this.deal.priceFen,
        amountFen: this.deal.priceFen * qty,
        state: 'pending_payment',
        createdAt: NOW,
        payBefore: NOW + 15 * 60_000,
        paidAt: null,
        phone: (input.phone as string | undefined) ?? null,
        codes: [],
        timeline: [{ at: NOW, action: 'order.placed', label: '提交订单' }],
      }),
    )
  }

  private prepay(orderId: string) {
    const o = this.orders.get(orderId)
    if (!o) throw new Refusal('ORDER_NOT_FOUND')
    if (o.state !== 'pending_payment') throw new Refusal('ORDER_NOT_PAYABLE')
    return { provider: 'wechat', timeStamp: '1795000000', nonceStr: 'n0nce', package: `prepay_id=wx_${orderId}`, signType: 'RSA', paySign: 'sig' }
  }

  /** The emulator's prepay as its sheet shows it (payments.prepay's body is `团卡-<deal title>`, 40 characters at most). */
  private previewPay(pkg: string): Response {
    const o = this.orders.get(pkg.startsWith('prepay_id=wx_') ? pkg.slice('prepay_id=wx_'.length) : '')
    if (!o) return json(400, { ok: false, code: 'PAYMENT_INVALID', message: messageFor('PAYMENT_INVALID') })
    return json(200, { ok: true, data: { orderId: o.id, amountFen: o.amountFen, description: `团卡-${o.dealTitle}`.slice(0, 40) } })
  }

  private localPay(body: { package: string }): Response {
    this.localPays.push(body.package)
    const id = body.package.startsWith('prepay_id=wx_') ? body.package.slice('prepay_id=wx_'.length) : ''
    const o = this.orders.get(id)
    if (!o) return json(400, { ok: false, code: 'PAYMENT_INVALID', message: messageFor('PAYMENT_INVALID') })
    this.markPaid(id)
    return json(200, { ok: true, data: { paid: true, orderId: id, amountFen: o.amountFen, transactionId: `4200FAKE${id}` } })
  }

  /** What the payment callback does: codes issued, the order paid (or 拼团中 for a forming group). */
  markPaid(id: string): OrderView {
    const o = this.orders.get(id)!
    if (o.state !== 'pending_payment') return o
    const grouping = this.deal.group?.status === 'forming'
    const codes = Array.from({ length: o.qty }, (_, i) => code(fakeCode(this.seq * 100 + i)))
    return this.add({
      ...o,
      state: grouping ? 'grouping' : 'paid',
      codes,
      unusedCount: codes.length,
      paidAt: NOW + 60_000,
      timeline: [...o.timeline, { at: NOW + 60_000, action: grouping ? 'order.grouping' : 'order.paid', label: grouping ? '支付成功，拼团中（成团后券码可用）' : '支付成功，券码已发放' }],
    })
  }

  private get(id: string): OrderView {
    const o = this.orders.get(id)
    if (!o) throw new Refusal('ORDER_NOT_FOUND')
    if (this.callbackLag > 0 && o.codes.length > 0) {
      this.callbackLag--
      return { ...o, state: 'pending_payment', codes: [] }
    }
    return o
  }

  private refund(orderId: string, codes: string[]): OrderView {
    const o = this.orders.get(orderId)
    if (!o) throw new Refusal('ORDER_NOT_FOUND')
    for (const c of codes) {
      const found = o.codes.find((x) => x.code === c)
      if (!found) throw new Refusal('CODE_NOT_FOUND')
      if (found.state === 'redeemed') throw new Refusal('CODE_ALREADY_REDEEMED')
    }
    const next = o.codes.map((c) => (codes.includes(c.code) && c.state === 'unused' ? code(c.code, 'refunded') : c))
    const refunded = next.filter((c) => c.state === 'refunded').length
    const state: OrderState = next.every((c) => c.state === 'refunded') ? 'refunded' : next.some((c) => c.state === 'unused') ? o.state : 'completed'
    return this.add({
      ...o,
      codes: next,
      state,
      unusedCount: next.filter((c) => c.state === 'unused').length,
      refundedFen: refunded * o.unitPriceFen,
      timeline: [...o.timeline, { at: NOW + 120_000, action: 'code.refunded', label: '退款已原路退回' }],
    })
  }

  private cancel(id: string): OrderView {
    const o = this.orders.get(id)
    if (!o) throw new Refusal('ORDER_NOT_FOUND')
    if (o.state === 'closed') return o
    if (o.state !== 'pending_payment') throw new Refusal('ORDER_NOT_CANCELLABLE')
    return this.add({ ...o, state: 'closed', timeline: [...o.timeline, { at: NOW + 60_000, action: 'order.cancelled', label: '已取消订单' }] })
  }

  private listMine(input: Record<string, unknown>): { items: OrderSummary[]; nextCursor: string | null } {
    const all = [...this.orders.values()].sort((a, b) => b.createdAt - a.createdAt)
    const limit = Number(input.limit ?? 20)
    const from = input.cursor ? Number(input.cursor) : 0
    const items = all.slice(from, from + limit).map(summary)
    return { items, nextCursor: from + limit < all.length ? String(from + limit) : null }
  }
}

function summary(o: OrderView): OrderSummary {
  const { id, dealId, dealTitle, cover, shopName, qty, amountFen, refundedFen, state, unusedCount, createdAt, payBefore } = o
  return { id, dealId, dealTitle, cover, shopName, qty, amountFen, refundedFen, state, unusedCount, createdAt, payBefore }
}

export function fakeCode(n: number): string {
  let out = ''
  let x = n * 7919 + 12345
  for (let i = 0; i < 12; i++) {
    out += ALPHABET[x % 32]
    x = Math.floor(x / 3) + i * 131
  }
  return out
}

function json(status: number, body: unknown): Response {
  const text = JSON.stringify(body)
  return { status, ok: status < 400, text: async () => text, json: async () => JSON.parse(text) } as unknown as Response
}
